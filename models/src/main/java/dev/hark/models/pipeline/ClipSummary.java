package dev.hark.models.pipeline;

import java.util.List;

/**
 * What a whole clip scored: the mean of its windows' scores.
 *
 * @param labels the head's label names (the columns of {@code meanScores})
 * @param durationSeconds the clip's length at 16 kHz (before any padding)
 * @param windows how many windows were scored
 * @param padded whether the clip was shorter than one window and padded with silence to one
 * @param meanScores per label, the mean over the windows (summed in double, then rounded to float)
 */
public record ClipSummary(List<String> labels, double durationSeconds, int windows, boolean padded,
        float[] meanScores) {
    public ClipSummary {
        labels = List.copyOf(labels);
        if (meanScores.length != labels.size()) {
            throw new IllegalArgumentException(meanScores.length + " scores for " + labels.size() + " labels");
        }
    }

    /** The {@code k} best labels of the clip, highest first. */
    public List<LabelScore> top(int k) {
        return TopK.of(meanScores, labels, k);
    }
}
