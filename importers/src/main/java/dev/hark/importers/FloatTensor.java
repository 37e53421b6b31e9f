package dev.hark.importers;

import java.util.Arrays;

/**
 * A named, contiguous (row-major) float32 tensor read from a weights file.
 * The arrays are owned by the tensor and never written after construction.
 */
public record FloatTensor(String name, int[] shape, float[] data) {
    public FloatTensor {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + name + ": " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + data.length);
        }
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int i) {
        return shape[i];
    }

    /** The shape as {@code [a, b, c]}, for messages. */
    public String shapeText() {
        return Arrays.toString(shape);
    }
}
