package dev.hark.core.features;

/**
 * The MFCC clip-feature baseline, defined exactly:
 * <ol>
 *   <li>input: log-mel frames {@code [T][64]} of the shared front end (16 kHz, 25 ms periodic-Hann frames every
 *       10 ms, 512-point FFT magnitude, 64 HTK-mel bands 125-7500 Hz, {@code ln(mel + 0.001)}: the YAMNet
 *       variant);</li>
 *   <li>cepstrum: orthonormal DCT-II over the 64 bands,
 *       {@code c[k] = s(k) * sum_m x[m] cos(pi k (m + 0.5) / 64)}, {@code s(0) = sqrt(1/64)},
 *       {@code s(k>0) = sqrt(2/64)}; coefficients k = 0..19 are kept ({@link #COEFFICIENTS}, c0 included);</li>
 *   <li>deltas: the HTK regression {@code d[t] = sum_{n=1..2} n (c[t+n] - c[t-n]) / (2 sum n^2)} with the first and
 *       last frame repeated at the edges; delta-deltas are the same regression applied to the deltas;</li>
 *   <li>clip vector (120 values, {@link #CLIP_VECTOR_LENGTH}): the mean over frames of the 20 MFCCs, the 20 deltas,
 *       the 20 delta-deltas, then the population standard deviation over frames of the same 60, in that
 *       order.</li>
 * </ol>
 * Pure functions; inputs are not modified.
 */
public final class Mfcc {
    public static final int COEFFICIENTS = 20;
    /** Delta regression half-width (frames each side). */
    public static final int DELTA_WINDOW = 2;
    /** 20 MFCC + 20 delta + 20 delta-delta. */
    public static final int FRAME_VECTOR_LENGTH = 3 * COEFFICIENTS;
    /** Means then standard deviations of the 60 per-frame values. */
    public static final int CLIP_VECTOR_LENGTH = 2 * FRAME_VECTOR_LENGTH;

    private Mfcc() {
    }

    /** MFCCs {@code [T][20]} of log-mel frames {@code [T][B]} (B bands, B >= 20). */
    public static float[][] mfcc(float[][] logMel) {
        if (logMel.length == 0) {
            return new float[0][COEFFICIENTS];
        }
        int bands = logMel[0].length;
        if (bands < COEFFICIENTS) {
            throw new IllegalArgumentException("need at least " + COEFFICIENTS + " mel bands, got " + bands);
        }
        double[][] basis = dctBasis(bands);
        float[][] out = new float[logMel.length][COEFFICIENTS];
        for (int t = 0; t < logMel.length; t++) {
            float[] x = logMel[t];
            if (x.length != bands) {
                throw new IllegalArgumentException("frame " + t + " has " + x.length + " bands, expected " + bands);
            }
            for (int k = 0; k < COEFFICIENTS; k++) {
                double[] b = basis[k];
                double s = 0;
                for (int m = 0; m < bands; m++) {
                    s += b[m] * x[m];
                }
                out[t][k] = (float) s;
            }
        }
        return out;
    }

    /** HTK delta regression over frames with edge frames repeated (see class comment). */
    public static float[][] deltas(float[][] c) {
        int n = c.length;
        if (n == 0) {
            return new float[0][0];
        }
        int d = c[0].length;
        double norm = 0;
        for (int i = 1; i <= DELTA_WINDOW; i++) {
            norm += 2.0 * i * i;
        }
        float[][] out = new float[n][d];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int i = 1; i <= DELTA_WINDOW; i++) {
                    int ahead = Math.min(n - 1, t + i);
                    int behind = Math.max(0, t - i);
                    s += i * ((double) c[ahead][j] - c[behind][j]);
                }
                out[t][j] = (float) (s / norm);
            }
        }
        return out;
    }

    /**
     * The 120-value clip vector of log-mel frames {@code [T][B]} (see class comment). A clip with no frames gives
     * all zeros.
     */
    public static float[] clipVector(float[][] logMel) {
        float[][] c = mfcc(logMel);
        float[][] d = deltas(c);
        float[][] dd = deltas(d);
        float[] out = new float[CLIP_VECTOR_LENGTH];
        int n = c.length;
        if (n == 0) {
            return out;
        }
        float[][][] parts = {c, d, dd};
        for (int p = 0; p < 3; p++) {
            for (int j = 0; j < COEFFICIENTS; j++) {
                double sum = 0;
                for (int t = 0; t < n; t++) {
                    sum += parts[p][t][j];
                }
                double mean = sum / n;
                double var = 0;
                for (int t = 0; t < n; t++) {
                    double e = parts[p][t][j] - mean;
                    var += e * e;
                }
                out[p * COEFFICIENTS + j] = (float) mean;
                out[FRAME_VECTOR_LENGTH + p * COEFFICIENTS + j] = (float) Math.sqrt(var / n);
            }
        }
        return out;
    }

    /** Orthonormal DCT-II basis rows k = 0..19 for {@code bands} inputs. */
    static double[][] dctBasis(int bands) {
        double[][] b = new double[COEFFICIENTS][bands];
        for (int k = 0; k < COEFFICIENTS; k++) {
            double s = k == 0 ? Math.sqrt(1.0 / bands) : Math.sqrt(2.0 / bands);
            for (int m = 0; m < bands; m++) {
                b[k][m] = s * Math.cos(Math.PI * k * (m + 0.5) / bands);
            }
        }
        return b;
    }
}
