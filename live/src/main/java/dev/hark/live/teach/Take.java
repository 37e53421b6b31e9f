package dev.hark.live.teach;

import java.util.List;

/**
 * What one recording of a {@link Teacher} gave.
 *
 * @param label the label taught, or null for the background
 * @param saved the examples (or background pieces) saved, in order
 * @param wanted how many were asked for
 * @param ending why it ended
 * @param audioSeconds seconds of audio heard
 * @param droppedSeconds seconds of audio lost because processing fell behind the capture (0 normally)
 * @param tooShort sounds ignored as shorter than the shortest kept
 */
public record Take(String label, List<Example> saved, int wanted, Ending ending, double audioSeconds,
        double droppedSeconds, int tooShort) {
    /** Why a take ended. */
    public enum Ending {
        /** Every example asked for was saved. */
        DONE,
        /** {@link Teacher#stop()} was called. */
        STOPPED,
        /** The duration limit was reached first. */
        DURATION,
        /** The source ended first (a file). */
        SOURCE_ENDED
    }

    public Take {
        saved = List.copyOf(saved);
    }

    /** Whether everything asked for was saved. */
    public boolean complete() {
        return ending == Ending.DONE;
    }
}
