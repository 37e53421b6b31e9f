package dev.hark.core.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * A numeric array read from a {@code .npy} file: its dtype, shape (C order) and values. Float32 data is kept as
 * {@code float[]} ({@link #floats()}, {@link #doubles()} null); every other dtype is widened to {@code double[]}
 * (exact for float64 and integers up to 2^53; {@link #floats()} null).
 *
 * @param dtype the NumPy dtype string as stored, e.g. {@code <f4}, {@code <f8}, {@code |u1}
 * @param shape the dimensions; empty for a scalar
 * @param floats the values in C order for float32 data, else null
 * @param doubles the values in C order for other dtypes, else null
 */
public record NpyArray(String dtype, int[] shape, float[] floats, double[] doubles) {
    public NpyArray {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        if ((floats == null) == (doubles == null)) {
            throw new IllegalArgumentException("exactly one of floats and doubles must be given");
        }
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape has a negative dimension: " + Arrays.toString(shape));
            }
            n *= d;
        }
        int len = floats != null ? floats.length : doubles.length;
        if (n != len) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + len);
        }
    }

    /** Number of values. */
    public int size() {
        return floats != null ? floats.length : doubles.length;
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The values as floats (a copy when the data is not float32). */
    public float[] toFloats() {
        if (floats != null) {
            return floats.clone();
        }
        float[] out = new float[doubles.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) doubles[i];
        }
        return out;
    }

    /** The values as doubles (a copy). */
    public double[] toDoubles() {
        if (doubles != null) {
            return doubles.clone();
        }
        double[] out = new double[floats.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = floats[i];
        }
        return out;
    }

    /** A 2-D array as {@code [rows][cols]} floats. */
    public float[][] toFloat2d() {
        requireRank(2);
        float[] flat = floats != null ? floats : toFloats();
        float[][] out = new float[shape[0]][shape[1]];
        for (int r = 0; r < shape[0]; r++) {
            System.arraycopy(flat, r * shape[1], out[r], 0, shape[1]);
        }
        return out;
    }

    /** A 2-D array as {@code [rows][cols]} doubles. */
    public double[][] toDouble2d() {
        requireRank(2);
        double[] flat = doubles != null ? doubles : toDoubles();
        double[][] out = new double[shape[0]][shape[1]];
        for (int r = 0; r < shape[0]; r++) {
            System.arraycopy(flat, r * shape[1], out[r], 0, shape[1]);
        }
        return out;
    }

    private void requireRank(int rank) {
        if (shape.length != rank) {
            throw new IllegalStateException("array of shape " + Arrays.toString(shape) + " is not " + rank + "-D");
        }
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
