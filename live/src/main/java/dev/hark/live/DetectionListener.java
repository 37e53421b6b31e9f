package dev.hark.live;

import dev.hark.core.events.DetectionEvent;

/**
 * Receives what a {@link Detector} finds. Every method is called on the Detector's processing thread, in
 * stream order: return quickly (hand long work to another thread), and do not call {@link Detector#stop()}
 * from here. Exceptions thrown here stop the detector with that failure.
 */
public interface DetectionListener {
    /** An onset or offset of a label. */
    default void onEvent(DetectionEvent event) {
    }

    /** One window on the hop grid, run by the models or skipped by the activity gate. */
    default void onWindow(WindowScores window) {
    }

    /** A state change (started, device lost, reconnected, audio dropped, stopped) or a periodic status. */
    default void onStatus(DetectorStatus status) {
    }

    /**
     * The next 16 kHz samples processed, starting at {@code startSample} on the stream's timeline (which jumps
     * over audio dropped by an overrun). The array is shared: read it, never write or keep it.
     */
    default void onAudio(long startSample, float[] samples16k, int off, int len) {
    }
}
