package dev.hark.core.dataset;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One labelled example of a data set.
 *
 * @param path the audio file
 * @param label the label name
 * @param labelIndex index of {@code label} in {@link Dataset#labels()}
 * @param fold the data set's own fold (1-based), or 0 when the data set has no folds
 */
public record Clip(Path path, String label, int labelIndex, int fold) {
    public Clip {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(label, "label");
        if (labelIndex < 0) {
            throw new IllegalArgumentException("labelIndex must be >= 0, got " + labelIndex);
        }
        if (fold < 0) {
            throw new IllegalArgumentException("fold must be >= 0, got " + fold);
        }
    }
}
