package dev.hark.core.concepts;

import dev.hark.config.OnsetRule;
import java.util.List;

/**
 * A concept resolved against a classifier's labels: the score columns of its classes and its threshold.
 *
 * @param name the concept's name
 * @param columns the columns (in the classifier's score rows) of its classes; empty for a level concept
 * @param threshold the score at or above which a window counts for it
 * @param level whether it is scored by the sound level above the noise floor instead of by the model
 * @param onset its onset rule, or null for the event settings' general one
 */
public record Concept(String name, int[] columns, double threshold, boolean level, OnsetRule onset) {
    public Concept {
        columns = columns.clone();
        if (!level && columns.length == 0) {
            throw new IllegalArgumentException("concept " + name + " has no classes");
        }
    }

    /** A concept with the general onset rule. */
    public Concept(String name, int[] columns, double threshold, boolean level) {
        this(name, columns, threshold, level, null);
    }

    /** The class names of its columns. */
    public List<String> classes(List<String> labels) {
        return java.util.Arrays.stream(columns).mapToObj(labels::get).toList();
    }
}
