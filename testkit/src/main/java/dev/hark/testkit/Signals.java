package dev.hark.testkit;

import java.util.Random;

/**
 * Synthetic test sounds at 16 kHz (the rate is written here as a number of its own, so tests do not depend on
 * the constant they check): sines, seeded Gaussian noise, and scenes made by concatenation.
 */
public final class Signals {
    /** Samples per second of every signal made here. */
    public static final int RATE_HZ = 16000;

    private Signals() {
    }

    /** A sine at {@code hz} whose RMS level is {@code dbfs}. */
    public static float[] sine(double hz, double seconds, double dbfs) {
        double amp = Math.sqrt(2) * Math.pow(10, dbfs / 20);
        float[] x = new float[samples(seconds)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / RATE_HZ));
        }
        return x;
    }

    /** A quiet room: Gaussian noise with standard deviation {@code sd} (seeded: the same seed, the same noise). */
    public static float[] gaussian(double seconds, double sd, long seed) {
        Random r = new Random(seed);
        float[] x = new float[samples(seconds)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * sd);
        }
        return x;
    }

    /** Gaussian noise at an RMS level of {@code dbfs}. */
    public static float[] noise(double seconds, double dbfs, long seed) {
        return gaussian(seconds, Math.pow(10, dbfs / 20), seed);
    }

    /** The parts one after the other. */
    public static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    private static int samples(double seconds) {
        return (int) Math.round(seconds * RATE_HZ);
    }
}
