package dev.hark.live;

import dev.hark.core.frontend.FrontEndParams;
import dev.hark.live.gate.ActivityGate;
import dev.hark.live.gate.GateTimeline;

/**
 * When to run a window off the hop grid: at each opening of the activity gate (a frame open after closed ones,
 * where a sound begins after quiet), one window that ends {@link #LEAD_SECONDS} after the start of the opening frame,
 * unless a window of the grid ends within {@link #GRID_MARGIN_SECONDS} of it anyway. On the grid alone a sound's
 * first window that holds enough of it ends anywhere up to a hop (0.48 s) later than needed; this window is there as
 * soon as the sound is a quarter of a second old. It is an extra window, not a move of the grid: the grid's windows
 * run as before. One thread; positions are 16 kHz samples counted from the first processed one, as the gate's.
 */
final class OnsetWindows {
    /** How long after the gate opened the onset window ends: enough of a bark or a word for the model. */
    static final double LEAD_SECONDS = 0.25;
    /** No onset window when a grid window ends this close to it (before or after). */
    static final double GRID_MARGIN_SECONDS = 0.1;
    /** Samples one window covers (0.975 s). */
    static final int WINDOW_SAMPLES = GatedWindows.WINDOW_SAMPLES;

    private static final int GATE_FRAME = ActivityGate.FRAME_SAMPLES;
    private static final int FRAME_HOP = FrontEndParams.HOP_LENGTH_SAMPLES;
    private static final long LEAD_SAMPLES = Math.round(LEAD_SECONDS * FrontEndParams.SAMPLE_RATE_HZ);
    private static final long MARGIN_SAMPLES = Math.round(GRID_MARGIN_SECONDS * FrontEndParams.SAMPLE_RATE_HZ);

    private final GateTimeline gate;
    private final long hopSamples;
    private long framesSeen;
    private boolean lastOpen;
    /** Start sample of the window planned, or -1. */
    private long plannedStart = -1;

    /** @param hopFrames the grid's hop in front-end frames (10 ms) */
    OnsetWindows(GateTimeline gate, int hopFrames) {
        this.gate = gate;
        this.hopSamples = (long) hopFrames * FRAME_HOP;
    }

    /**
     * How many of the next samples may be fed before {@link #observe} must look at the gate again: to the end of the
     * current gate frame, or to the end of the planned window if that comes first.
     */
    long samplesBeforeNextLook(long processedSamples) {
        long toFrameEnd = GATE_FRAME - Math.floorMod(processedSamples, GATE_FRAME);
        return plannedStart < 0 ? toFrameEnd : Math.min(toFrameEnd, plannedStart + WINDOW_SAMPLES - processedSamples);
    }

    /** Looks at the gate frames decided since the last call and plans a window at an opening. */
    void observe() {
        long decided = gate.framesDecided();
        for (long f = framesSeen; f < decided; f++) {
            boolean open = gate.openDuring(f * GATE_FRAME, (f + 1) * GATE_FRAME);
            if (open && !lastOpen && plannedStart < 0) {
                plannedStart = planFor(f * GATE_FRAME, hopSamples);
            }
            lastOpen = open;
        }
        framesSeen = decided;
    }

    /**
     * The start sample of the onset window for a gate opening at {@code onsetSample} (on the 10 ms frame grid, so the
     * window is one the front end would also cut), or -1 when there is none: it would start before the stream, or a
     * grid window ({@code k * hopSamples} to {@code + WINDOW_SAMPLES}) ends within the margin of its end.
     */
    static long planFor(long onsetSample, long hopSamples) {
        long start = Math.floorDiv(onsetSample + LEAD_SAMPLES - WINDOW_SAMPLES + FRAME_HOP - 1, FRAME_HOP) * FRAME_HOP;
        if (start < 0) {
            return -1; // the stream's first window is there as early
        }
        long end = start + WINDOW_SAMPLES;
        long k = Math.max(0, Math.floorDiv(end - MARGIN_SAMPLES - WINDOW_SAMPLES + hopSamples - 1, hopSamples));
        long gridEnd = k * hopSamples + WINDOW_SAMPLES;
        return gridEnd <= end + MARGIN_SAMPLES ? -1 : start;
    }

    /** The planned window's start once {@code processedSamples} reached its end (the plan is then done), else -1. */
    long takeDue(long processedSamples) {
        if (plannedStart >= 0 && processedSamples >= plannedStart + WINDOW_SAMPLES) {
            long s = plannedStart;
            plannedStart = -1;
            return s;
        }
        return -1;
    }
}
