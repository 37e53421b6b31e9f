package dev.hark.core.spectrogram;

import dev.hark.core.frontend.FrontEndParams;

/**
 * Log-mel columns ready to draw: column {@code c} is the maximum of frames {@code [c f, min((c + 1) f, frames))}
 * where {@code f = framesPerColumn}; each holds 64 values, band 0 (lowest frequency) first.
 */
public record PooledSpectrogram(float[][] columns, int framesPerColumn, long frames) {
    /** Seconds the frames span on the time axis: frame {@code i} is drawn over {@code [0.01 i, 0.01 (i + 1))} s. */
    public double durationSeconds() {
        return frames * FrontEndParams.FRAME_HOP_SECONDS;
    }

    /** The smallest and largest value of all columns ({@code {0, 0}} without columns). */
    public float[] range() {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float[] c : columns) {
            for (float v : c) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return columns.length == 0 ? new float[] {0f, 0f} : new float[] {lo, hi};
    }
}
