/**
 * The defaults every command and the library share ({@code ModelDefaults}: model, threads; {@code HopSeconds}:
 * the one rule for a hop in seconds), and immutable, validated settings records with their file form (properties
 * or YAML). The live listener's settings are in {@code dev.hark.config.listen}.
 */
package dev.hark.config;
