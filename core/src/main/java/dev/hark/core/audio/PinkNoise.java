package dev.hark.core.audio;

import java.util.SplittableRandom;

/**
 * Pink noise (power falling 3 dB per octave) made by the Voss-McCartney method (16 random rows, row {@code k} redrawn
 * every {@code 2^k} samples, summed with a fresh white value), its mean removed and scaled to an exact RMS level:
 * the event benchmark's quiet room and the noise {@code hark train --augment-noise} trains over.
 */
public final class PinkNoise {
    private static final int ROWS = 16;

    private PinkNoise() {
    }

    /** {@code samples} samples of pink noise at {@code rmsDbfs} RMS, the same for the same seed. */
    public static float[] of(int samples, double rmsDbfs, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] rows = new double[ROWS];
        double sum = 0;
        for (int k = 0; k < ROWS; k++) {
            rows[k] = r.nextDouble(-1, 1);
            sum += rows[k];
        }
        double[] x = new double[samples];
        double mean = 0;
        for (int i = 0; i < samples; i++) {
            if (i > 0) {
                int k = Integer.numberOfTrailingZeros(i);
                if (k < ROWS) {
                    double v = r.nextDouble(-1, 1);
                    sum += v - rows[k];
                    rows[k] = v;
                }
            }
            x[i] = sum + r.nextDouble(-1, 1);
            mean += x[i];
        }
        mean /= Math.max(1, samples);
        double power = 0;
        for (int i = 0; i < samples; i++) {
            x[i] -= mean;
            power += x[i] * x[i];
        }
        power /= Math.max(1, samples);
        double gain = power == 0 ? 0 : Math.pow(10, rmsDbfs / 20) / Math.sqrt(power);
        float[] out = new float[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (float) (x[i] * gain);
        }
        return out;
    }
}
