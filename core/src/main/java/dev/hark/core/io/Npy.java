package dev.hark.core.io;

import dev.hark.errors.BadInputException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * NumPy {@code .npy} and {@code .npz} files: where to start.
 *
 * <p>Writing ({@link NpyWriter}, {@link NpyStreamWriter}): float32 ({@code '<f4'}, C order, format version 1.0),
 * always through an {@link AtomicFile}, so a target is never half-written. Reading ({@link NpyReader},
 * {@link Npz}): format versions 1, 2 and 3 and eleven little-endian dtypes, see {@link NpyArray}. Every problem
 * is a {@link BadInputException} whose one-line message names the file.
 */
public final class Npy {
    private Npy() {
    }

    /** Writes {@code [rows][cols]} floats as a float32 {@code .npy} of shape {@code (rows, cols)}, atomically. */
    public static void write(Path out, float[][] rows) {
        NpyWriter.write(out, rows);
    }

    /** Writes {@code [n][rows][cols]} floats as a float32 {@code .npy} of shape {@code (n, rows, cols)}, atomically. */
    public static void write(Path out, float[][][] array) {
        NpyWriter.write(out, array);
    }

    /** Writes float32 values of any C-order shape, atomically. */
    public static void write(Path out, int[] shape, float[] values) {
        NpyWriter.write(out, shape, values);
    }

    /**
     * Opens a streaming writer of float32 rows of {@code cols} values to {@code out}; see {@link NpyStreamWriter}.
     */
    public static NpyStreamWriter openRowWriter(Path out, int cols) {
        return NpyStreamWriter.open(out, cols);
    }

    /** Reads a {@code .npy} file. */
    public static NpyArray read(Path file) {
        return NpyReader.read(file);
    }

    /** Reads one {@code .npy} array from a stream; {@code name} is used in error messages. */
    public static NpyArray read(InputStream in, String name) {
        return NpyReader.read(in, name);
    }

    /** Reads every {@code .npy} member of a {@code .npz} archive; see {@link Npz#read(Path)}. */
    public static Map<String, NpyArray> readNpz(Path file) {
        return Npz.read(file);
    }
}
