package dev.hark.core.frontend;

/**
 * The VGGish/YAMNet log-mel front end's constants, fixed (not configurable), units in the names.
 * Only the log offset and the default patch hop differ between the two models: see {@link FrontEndVariant}.
 */
public final class FrontEndParams {
    public static final int SAMPLE_RATE_HZ = 16_000;
    /** 25 ms frames. */
    public static final int WINDOW_LENGTH_SAMPLES = 400;
    /** 10 ms hop. */
    public static final int HOP_LENGTH_SAMPLES = 160;
    public static final int FFT_LENGTH = 512;
    public static final int SPECTRUM_BINS = FFT_LENGTH / 2 + 1;
    public static final int MEL_BANDS = 64;
    public static final double MEL_MIN_HZ = 125.0;
    public static final double MEL_MAX_HZ = 7500.0;
    /** HTK mel scale: {@code MEL_HIGH_FREQUENCY_Q * ln(1 + f / MEL_BREAK_FREQUENCY_HZ)}. */
    public static final double MEL_BREAK_FREQUENCY_HZ = 700.0;
    public static final double MEL_HIGH_FREQUENCY_Q = 1127.0;
    /** 0.96 s patches. */
    public static final int PATCH_FRAMES = 96;
    public static final double FRAME_HOP_SECONDS = HOP_LENGTH_SAMPLES / (double) SAMPLE_RATE_HZ;
    public static final double PATCH_SECONDS = PATCH_FRAMES * FRAME_HOP_SECONDS;

    private FrontEndParams() {
    }

    /** Number of whole frames in {@code samples} samples, no padding: {@code 1 + (n - 400) / 160}, 0 if shorter. */
    public static int frameCount(long samples) {
        return samples < WINDOW_LENGTH_SAMPLES ? 0 : (int) (1 + (samples - WINDOW_LENGTH_SAMPLES) / HOP_LENGTH_SAMPLES);
    }
}
