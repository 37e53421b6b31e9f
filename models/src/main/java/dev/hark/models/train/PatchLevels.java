package dev.hark.models.train;

import dev.hark.config.listen.GateSettings;
import dev.hark.core.frontend.FrontEndParams;

/**
 * The level of each patch of a clip: the RMS of its loudest 10 ms frame, in dBFS ({@code -200} for digital
 * silence). A patch below {@link #SILENCE_DBFS} (the energy gate's default threshold) has no sound: ESC-50 pads
 * short recordings with digital silence that carries the clip's label, and a head must not learn that silence as
 * the label.
 */
public final class PatchLevels {
    /** Below this level (dBFS, loudest 10 ms frame) a patch has no sound: the energy gate's default threshold. */
    public static final double SILENCE_DBFS = GateSettings.DEFAULT_ENERGY_THRESHOLD_DBFS;
    static final float FLOOR_DBFS = -200;
    private static final int FRAME = 160;

    private PatchLevels() {
    }

    /**
     * Levels of the patches starting at {@code startSeconds} (0.96 s long; one patch covers the whole clip) of
     * 16 kHz samples.
     */
    public static float[] of(float[] samples16k, double[] startSeconds) {
        float[] out = new float[startSeconds.length];
        int length = FrontEndParams.PATCH_FRAMES * FRAME;
        for (int p = 0; p < out.length; p++) {
            int from = (int) Math.round(startSeconds[p] * FrontEndParams.SAMPLE_RATE_HZ);
            int to = out.length == 1 ? samples16k.length : Math.min(samples16k.length, from + length);
            double loudest = 0;
            for (int f = from; f < to; f += FRAME) {
                double sum = 0;
                int end = Math.min(to, f + FRAME);
                for (int i = f; i < end; i++) {
                    sum += samples16k[i] * (double) samples16k[i];
                }
                loudest = Math.max(loudest, sum / Math.max(1, end - f));
            }
            out[p] = loudest > 0 ? (float) Math.max(FLOOR_DBFS, 10 * Math.log10(loudest)) : FLOOR_DBFS;
        }
        return out;
    }
}
