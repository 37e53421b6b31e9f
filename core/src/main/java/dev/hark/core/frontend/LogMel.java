package dev.hark.core.frontend;

import static dev.hark.core.frontend.FrontEndParams.HOP_LENGTH_SAMPLES;
import static dev.hark.core.frontend.FrontEndParams.MEL_BANDS;
import static dev.hark.core.frontend.FrontEndParams.MEL_BREAK_FREQUENCY_HZ;
import static dev.hark.core.frontend.FrontEndParams.MEL_HIGH_FREQUENCY_Q;
import static dev.hark.core.frontend.FrontEndParams.MEL_MAX_HZ;
import static dev.hark.core.frontend.FrontEndParams.MEL_MIN_HZ;
import static dev.hark.core.frontend.FrontEndParams.SAMPLE_RATE_HZ;
import static dev.hark.core.frontend.FrontEndParams.SPECTRUM_BINS;
import static dev.hark.core.frontend.FrontEndParams.WINDOW_LENGTH_SAMPLES;

import java.util.Objects;

/**
 * The VGGish/YAMNet log-mel front end as pure functions: periodic Hann window, HTK mel matrix, and
 * {@code log(mel(|FFT_512(hann * frame)|) + offset)} over 400-sample frames every 160 samples, no padding.
 *
 * <p>Everything between the float input samples and the float output values is computed in double
 * precision, as the reference does, so results agree with it far inside 1e-4.
 * {@link StreamingLogMel} gives bit-identical frames for a stream delivered in chunks.
 */
public final class LogMel {
    /** The 400-point periodic Hann window in double precision (what the computation uses). */
    static final double[] HANN = periodicHannDouble(WINDOW_LENGTH_SAMPLES);
    /** The dense mel matrix [257][64] in double precision. */
    static final double[][] MEL = melMatrixDouble();
    /** Per mel band: the first spectrum bin with a non-zero weight. */
    static final int[] BAND_FIRST_BIN = new int[MEL_BANDS];
    /** Per mel band: the non-zero weights, for bins {@code BAND_FIRST_BIN[b] ...}. */
    static final double[][] BAND_WEIGHTS = new double[MEL_BANDS][];

    static {
        for (int b = 0; b < MEL_BANDS; b++) {
            int first = -1;
            int last = -1;
            for (int k = 0; k < SPECTRUM_BINS; k++) {
                if (MEL[k][b] != 0.0) {
                    if (first < 0) {
                        first = k;
                    }
                    last = k;
                }
            }
            if (first < 0) {
                // Cannot happen for the fixed constants (every band spans several bins); kept total anyway.
                BAND_FIRST_BIN[b] = 0;
                BAND_WEIGHTS[b] = new double[0];
                continue;
            }
            BAND_FIRST_BIN[b] = first;
            double[] w = new double[last - first + 1];
            for (int k = first; k <= last; k++) {
                w[k - first] = MEL[k][b];
            }
            BAND_WEIGHTS[b] = w;
        }
    }

    private LogMel() {
    }

    /** Periodic Hann window {@code 0.5 - 0.5 cos(2 pi i / length)}, as numpy/TF compute it for the reference. */
    public static float[] periodicHann(int length) {
        double[] w = periodicHannDouble(length);
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = (float) w[i];
        }
        return out;
    }

    static double[] periodicHannDouble(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("window length must be positive, got " + length);
        }
        double[] w = new double[length];
        for (int i = 0; i < length; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2.0 * Math.PI / length * i);
        }
        return w;
    }

    /** HTK mel of a frequency: {@code 1127 ln(1 + hz / 700)}. */
    public static double hertzToMel(double hz) {
        return MEL_HIGH_FREQUENCY_Q * Math.log(1.0 + hz / MEL_BREAK_FREQUENCY_HZ);
    }

    /**
     * The mel weight matrix [257 spectrum bins][64 bands]: triangles in mel space between 64 + 2 equally spaced
     * mel edges from 125 to 7500 Hz, the DC row zero. A fresh copy on each call.
     */
    public static float[][] melMatrix() {
        float[][] out = new float[SPECTRUM_BINS][MEL_BANDS];
        for (int k = 0; k < SPECTRUM_BINS; k++) {
            for (int b = 0; b < MEL_BANDS; b++) {
                out[k][b] = (float) MEL[k][b];
            }
        }
        return out;
    }

    private static double[][] melMatrixDouble() {
        double nyquistHz = SAMPLE_RATE_HZ / 2.0;
        double[] binMel = new double[SPECTRUM_BINS];
        double binStepHz = nyquistHz / (SPECTRUM_BINS - 1);
        for (int k = 0; k < SPECTRUM_BINS; k++) {
            double hz = k == SPECTRUM_BINS - 1 ? nyquistHz : k * binStepHz;
            binMel[k] = hertzToMel(hz);
        }
        double lowMel = hertzToMel(MEL_MIN_HZ);
        double highMel = hertzToMel(MEL_MAX_HZ);
        int edges = MEL_BANDS + 2;
        double[] edgeMel = new double[edges];
        double edgeStep = (highMel - lowMel) / (edges - 1);
        for (int i = 0; i < edges; i++) {
            edgeMel[i] = i == edges - 1 ? highMel : i * edgeStep + lowMel;
        }
        double[][] m = new double[SPECTRUM_BINS][MEL_BANDS];
        for (int b = 0; b < MEL_BANDS; b++) {
            double lower = edgeMel[b];
            double center = edgeMel[b + 1];
            double upper = edgeMel[b + 2];
            for (int k = 1; k < SPECTRUM_BINS; k++) { // k = 0: the DC row stays zero
                double lowerSlope = (binMel[k] - lower) / (center - lower);
                double upperSlope = (upper - binMel[k]) / (upper - center);
                m[k][b] = Math.max(0.0, Math.min(lowerSlope, upperSlope));
            }
        }
        return m;
    }

    /**
     * Log-mel frames of 16 kHz mono samples: {@code [FrontEndParams.frameCount(n)][64]}, frame {@code f} from
     * samples {@code [160 f, 160 f + 400)}; no padding, so fewer than 400 samples give no frame.
     */
    public static float[][] logMel(float[] samples16k, FrontEndVariant variant) {
        Objects.requireNonNull(samples16k, "samples16k");
        Objects.requireNonNull(variant, "variant");
        int frames = FrontEndParams.frameCount(samples16k.length);
        float[][] out = new float[frames][];
        LogMelKernel kernel = new LogMelKernel(variant);
        for (int f = 0; f < frames; f++) {
            float[] row = new float[MEL_BANDS];
            kernel.frame(samples16k, f * HOP_LENGTH_SAMPLES, row);
            out[f] = row;
        }
        return out;
    }
}
