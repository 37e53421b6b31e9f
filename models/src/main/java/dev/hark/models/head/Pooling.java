package dev.hark.models.head;

import dev.hark.errors.BadInputException;

/** How a clip's patch embeddings become training rows. */
public enum Pooling {
    /** One row per patch; a clip is scored by averaging its patches' class probabilities (clip-level voting). */
    NONE("none"),
    /** One row per clip: the mean of its patch embeddings. */
    MEAN("mean"),
    /** One row per clip: the mean then the population standard deviation of its patch embeddings. */
    MEAN_STD("mean+std");

    private final String cliName;

    Pooling(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static Pooling parse(String s) {
        for (Pooling p : values()) {
            if (p.cliName.equalsIgnoreCase(s.trim()) || p.name().equalsIgnoreCase(s.trim())) {
                return p;
            }
        }
        throw new BadInputException("pooling: unknown value '" + s + "'; expected none, mean or mean+std");
    }

    /** Width of a pooled row for embeddings of width {@code d}. */
    public int width(int d) {
        return this == MEAN_STD ? 2 * d : d;
    }

    /** Pools {@code patches [P][D]} (P >= 1) into one row; for {@link #NONE} use the patches themselves. */
    public double[] pool(float[][] patches) {
        if (this == NONE) {
            throw new IllegalStateException("pooling none keeps one row per patch");
        }
        int d = patches[0].length;
        int n = patches.length;
        double[] out = new double[width(d)];
        for (float[] p : patches) {
            for (int j = 0; j < d; j++) {
                out[j] += p[j];
            }
        }
        for (int j = 0; j < d; j++) {
            out[j] /= n;
        }
        if (this == MEAN_STD) {
            for (float[] p : patches) {
                for (int j = 0; j < d; j++) {
                    double e = p[j] - out[j];
                    out[d + j] += e * e;
                }
            }
            for (int j = 0; j < d; j++) {
                out[d + j] = Math.sqrt(out[d + j] / n);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return cliName;
    }
}
