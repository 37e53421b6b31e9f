package dev.hark.live;

import dev.hark.core.frontend.FrontEndParams;
import dev.hark.live.gate.GateTimeline;
import java.util.ArrayDeque;
import java.util.function.LongConsumer;

/**
 * The gate's say over windows: a window runs when the gate was open at any moment within it; the windows it
 * skips are remembered so they can be reported in stream order among the windows that ran (which the models
 * finish later).
 */
final class GatedWindows {
    /** Samples one window covers: 96 frames of 25 ms every 10 ms. */
    static final int WINDOW_SAMPLES = (FrontEndParams.PATCH_FRAMES - 1) * FrontEndParams.HOP_LENGTH_SAMPLES
            + FrontEndParams.WINDOW_LENGTH_SAMPLES;

    private final GateTimeline gate;
    private final ArrayDeque<Long> skippedStartFrames = new ArrayDeque<>();

    GatedWindows(GateTimeline gate) {
        this.gate = gate;
    }

    /** Feeds the gate the next 16 kHz samples. */
    void accept(float[] y, int off, int len) {
        gate.accept(y, off, len);
    }

    /** The analyzer's window filter: whether the window starting at front-end frame {@code startFrame} runs. */
    boolean runs(long startFrame) {
        long startSample = startFrame * FrontEndParams.HOP_LENGTH_SAMPLES;
        boolean run = gate.openDuring(startSample, startSample + WINDOW_SAMPLES);
        if (!run) {
            skippedStartFrames.addLast(startFrame);
        }
        return run;
    }

    /** Hands the start frames of the skipped windows that started before {@code beforeFrame} on, in order. */
    void drainSkippedBefore(long beforeFrame, LongConsumer startFrames) {
        while (!skippedStartFrames.isEmpty() && skippedStartFrames.peekFirst() < beforeFrame) {
            startFrames.accept(skippedStartFrames.removeFirst());
        }
    }

    /** Gate frames (of {@link dev.hark.live.gate.ActivityGate#FRAME_SAMPLES}) closed since it was last open. */
    long closedFrames() {
        return gate.closedFrames();
    }

    /** Share of the audio during which the gate was open (0 before the first gate frame). */
    double openFraction() {
        return gate.framesDecided() == 0 ? 0.0 : gate.framesOpen() / (double) gate.framesDecided();
    }
}
