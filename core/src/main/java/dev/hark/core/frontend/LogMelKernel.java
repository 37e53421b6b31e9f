package dev.hark.core.frontend;

import static dev.hark.core.frontend.FrontEndParams.FFT_LENGTH;
import static dev.hark.core.frontend.FrontEndParams.MEL_BANDS;
import static dev.hark.core.frontend.FrontEndParams.WINDOW_LENGTH_SAMPLES;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * One frame of the log-mel computation with its scratch buffers: window, 512-point real FFT (JTransforms,
 * double), magnitude, sparse mel weighting, log. Not thread-safe: one per thread or stream. The batch and
 * the streaming front end both use exactly this code, so their frames are bit-identical.
 */
final class LogMelKernel {
    private static final int HALF = FFT_LENGTH / 2;

    private final DoubleFFT_1D fft = new DoubleFFT_1D(FFT_LENGTH);
    private final double[] buffer = new double[FFT_LENGTH];
    private final double[] magnitude = new double[HALF + 1];
    private final double logOffset;

    LogMelKernel(FrontEndVariant variant) {
        this.logOffset = variant.logOffset();
    }

    /** Writes the 64 log-mel values of the 400 samples at {@code samples[offset...]} into {@code out}. */
    void frame(float[] samples, int offset, float[] out) {
        double[] buf = buffer;
        double[] hann = LogMel.HANN;
        for (int i = 0; i < WINDOW_LENGTH_SAMPLES; i++) {
            buf[i] = samples[offset + i] * hann[i];
        }
        for (int i = WINDOW_LENGTH_SAMPLES; i < FFT_LENGTH; i++) {
            buf[i] = 0.0;
        }
        fft.realForward(buf);
        // JTransforms layout for even n: buf[0] = Re[0], buf[1] = Re[n/2], buf[2k], buf[2k+1] = Re[k], Im[k].
        double[] mag = magnitude;
        mag[0] = Math.abs(buf[0]);
        mag[HALF] = Math.abs(buf[1]);
        for (int k = 1; k < HALF; k++) {
            double re = buf[2 * k];
            double im = buf[2 * k + 1];
            mag[k] = Math.sqrt(re * re + im * im);
        }
        int[] first = LogMel.BAND_FIRST_BIN;
        double[][] weights = LogMel.BAND_WEIGHTS;
        for (int b = 0; b < MEL_BANDS; b++) {
            double[] w = weights[b];
            int k0 = first[b];
            double sum = 0.0;
            for (int j = 0; j < w.length; j++) {
                sum += mag[k0 + j] * w[j];
            }
            out[b] = (float) Math.log(sum + logOffset);
        }
    }
}
