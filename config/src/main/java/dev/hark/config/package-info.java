/**
 * Immutable, validated settings records with defaults and their file form (properties or YAML),
 * and the exception types that carry a user-facing message and its exit code.
 */
package dev.hark.config;
