package dev.hark.bench.latency;

import dev.hark.core.audio.ActiveRange;

/**
 * Where a recorded sound begins for a listener: the first 10 ms frame whose level is within {@link #RELATIVE_DB} of
 * the loudest frame. A data-set clip often opens with its own background (a dog clip with half a second of street
 * before the bark); timed from there, the latency would count the background as part of the wait.
 */
public final class SoundOnset {
    /** A frame this much quieter than the loudest, or louder, is part of the sound. */
    public static final double RELATIVE_DB = -20.0;

    private SoundOnset() {
    }

    /** The first sample of the first frame of {@code x} within {@link #RELATIVE_DB} of its loudest (0 when silent). */
    public static int of(float[] x) {
        return ActiveRange.of(x, RELATIVE_DB).start();
    }
}
