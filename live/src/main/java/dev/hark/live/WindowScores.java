package dev.hark.live;

import java.util.List;

/**
 * One window as the live listener saw it.
 *
 * @param index the window's place on the hop grid (start frame / hop frames)
 * @param startSeconds its start on the stream's timeline
 * @param endSeconds the end of its last sample
 * @param ran false when the activity gate was closed for the whole window (no model ran, scores null)
 * @param padded whether it was completed with silence (the input was shorter than one window)
 * @param labels the classifier's label names (the columns of {@code scores})
 * @param scores one score per label, or null when skipped; never written after it is handed on
 */
public record WindowScores(long index, double startSeconds, double endSeconds, boolean ran, boolean padded,
        List<String> labels, float[] scores) {
}
