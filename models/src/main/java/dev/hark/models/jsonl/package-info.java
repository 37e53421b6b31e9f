/**
 * The JSON-lines schema of Hark's outputs, one record per kind of line (a window, a clip summary, an event),
 * shared by {@code hark classify} and {@code hark listen} and written with Jackson by {@link
 * dev.hark.models.jsonl.JsonLines}. Every line has a {@code "type"}.
 */
package dev.hark.models.jsonl;
