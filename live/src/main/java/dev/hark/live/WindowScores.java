package dev.hark.live;

import java.util.List;

/**
 * One window as the live listener saw it.
 *
 * @param index the window's place on the hop grid (start frame / hop frames, rounded down: an onset window, off the
 *        grid where the gate opened, carries the index of the grid window before it)
 * @param startSeconds its start on the stream's timeline
 * @param endSeconds the end of its last sample
 * @param ran false when the activity gate was closed for the whole window (no model ran, scores null)
 * @param padded whether it was completed with silence (the input was shorter than one window)
 * @param labels the classifier's label names (the columns of {@code scores})
 * @param scores one score per label, or null when skipped; never written after it is handed on
 * @param concepts the names of the concepts tracked (the columns of {@code conceptScores})
 * @param conceptScores one score per concept, or null when skipped
 * @param levelDbfs the window's sound level in dBFS
 */
public record WindowScores(long index, double startSeconds, double endSeconds, boolean ran, boolean padded,
        List<String> labels, float[] scores, List<String> concepts, float[] conceptScores, double levelDbfs) {
    public WindowScores {
        concepts = concepts == null ? List.of() : concepts;
    }

    /** A window without concepts (level: digital silence). */
    public WindowScores(long index, double startSeconds, double endSeconds, boolean ran, boolean padded,
            List<String> labels, float[] scores) {
        this(index, startSeconds, endSeconds, ran, padded, labels, scores, List.of(), null,
                dev.hark.core.concepts.LevelMeter.SILENCE_DBFS);
    }
}
