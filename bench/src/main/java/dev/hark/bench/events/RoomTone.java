package dev.hark.bench.events;

/**
 * The synthetic quiet room under the scenes: pink noise ({@link dev.hark.core.audio.PinkNoise}) at exactly
 * {@link #LEVEL_DBFS} RMS over the whole scene.
 */
public final class RoomTone {
    /** RMS level of the synthetic room, in dB relative to full scale (a sine of amplitude 1 is -3 dBFS RMS). */
    public static final double LEVEL_DBFS = -50.0;

    private RoomTone() {
    }
}
