/**
 * Immutable, validated settings records with defaults, and their file form (properties or YAML).
 * The live listener's settings are in {@code dev.hark.config.listen}.
 */
package dev.hark.config;
