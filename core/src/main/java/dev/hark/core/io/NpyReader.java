package dev.hark.core.io;

import dev.hark.errors.BadInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads {@code .npy} arrays: format versions 1, 2 and 3; little-endian or byte-order-free dtypes {@code f4 f8 i1
 * u1 b1 i2 u2 i4 u4 i8 u8}; float32 stays float, the rest is widened to double (see {@link NpyArray}). Fortran
 * order, big-endian, object and structured arrays are rejected. Every problem is a {@link BadInputException}
 * whose one-line message names the file.
 */
final class NpyReader {
    static final int BUFFER_BYTES = 1 << 16;

    private NpyReader() {
    }

    static NpyArray read(Path file) {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory, not a .npy file");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + IoFailures.reason(e), e);
        }
    }

    static NpyArray read(InputStream in, String name) {
        try {
            NpyHeader header = NpyHeader.read(in, name);
            return readData(in, name, header.descr(), header.shape());
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read: " + IoFailures.reason(e), e);
        }
    }

    private static NpyArray readData(InputStream in, String name, String descr, int[] shape) throws IOException {
        String kind = checkedKind(descr, name);
        int itemBytes = switch (kind) {
            case "f4", "i4", "u4" -> 4;
            case "f8", "i8", "u8" -> 8;
            case "i2", "u2" -> 2;
            case "i1", "u1", "b1" -> 1;
            default -> throw new BadInputException(name + ": unsupported dtype '" + descr
                    + "' (supported: f4 f8 i1 u1 b1 i2 u2 i4 u4 i8 u8, little-endian)");
        };
        long count = 1;
        for (int d : shape) {
            count *= d;
            if (count > Integer.MAX_VALUE - 8) {
                throw new BadInputException(name + ": array of shape " + Arrays.toString(shape) + " is too large");
            }
        }
        long bytes = count * itemBytes;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new BadInputException(name + ": array of shape " + Arrays.toString(shape) + " is too large");
        }
        byte[] data = in.readNBytes((int) bytes);
        if (data.length < bytes) {
            throw new BadInputException(name + ": truncated: shape " + Arrays.toString(shape) + " of " + descr
                    + " needs " + bytes + " data bytes, found " + data.length);
        }
        ByteBuffer bb = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) count;
        if (kind.equals("f4")) {
            float[] f = new float[n];
            bb.asFloatBuffer().get(f);
            return new NpyArray(descr, shape, f, null);
        }
        return new NpyArray(descr, shape, null, widen(kind, bb, n));
    }

    /** The dtype without its byte-order character, once the byte order and kind are known to be readable. */
    private static String checkedKind(String descr, String name) {
        if (descr.length() < 2) {
            throw new BadInputException(name + ": unsupported dtype '" + descr + "'");
        }
        char order = descr.charAt(0);
        String kind = descr.substring(1);
        if (order == '>') {
            throw new BadInputException(name + ": big-endian dtype '" + descr + "' is not supported");
        }
        if (kind.startsWith("O")) {
            throw new BadInputException(name + ": object arrays (pickled Python objects) are not supported");
        }
        if (order != '<' && order != '|' && order != '=') {
            throw new BadInputException(name + ": unsupported dtype '" + descr + "'");
        }
        return kind;
    }

    /** {@code n} little-endian values of {@code kind} (not f4) as doubles. */
    private static double[] widen(String kind, ByteBuffer bb, int n) {
        double[] d = new double[n];
        switch (kind) {
            case "f8" -> bb.asDoubleBuffer().get(d);
            case "i8" -> {
                for (int i = 0; i < n; i++) {
                    d[i] = bb.getLong();
                }
            }
            case "u8" -> {
                for (int i = 0; i < n; i++) {
                    long v = bb.getLong();
                    d[i] = v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
                }
            }
            case "i4" -> {
                for (int i = 0; i < n; i++) {
                    d[i] = bb.getInt();
                }
            }
            case "u4" -> {
                for (int i = 0; i < n; i++) {
                    d[i] = bb.getInt() & 0xffffffffL;
                }
            }
            case "i2" -> {
                for (int i = 0; i < n; i++) {
                    d[i] = bb.getShort();
                }
            }
            case "u2" -> {
                for (int i = 0; i < n; i++) {
                    d[i] = bb.getShort() & 0xffff;
                }
            }
            case "i1" -> {
                for (int i = 0; i < n; i++) {
                    d[i] = bb.get(i);
                }
            }
            case "u1", "b1" -> {
                for (int i = 0; i < n; i++) {
                    d[i] = bb.get(i) & 0xff;
                }
            }
            default -> throw new IllegalStateException("dtype " + kind);
        }
        return d;
    }
}
