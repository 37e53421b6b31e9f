package dev.hark.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes whole float32 arrays as {@code .npy} ({@code '<f4'}, C order, format version 1.0) through an
 * {@link AtomicFile}, so a target is never half-written.
 */
final class NpyWriter {
    static final String FLOAT32 = "<f4";
    private static final int BUFFER_BYTES = 1 << 16;

    private NpyWriter() {
    }

    static void write(Path out, float[][] rows) {
        Objects.requireNonNull(rows, "rows");
        int cols = rows.length == 0 ? 0 : rows[0].length;
        try (NpyStreamWriter w = NpyStreamWriter.open(out, cols)) {
            w.writeRows(rows);
            w.commit();
        }
    }

    static void write(Path out, float[][][] array) {
        Objects.requireNonNull(array, "array");
        int rows = array.length == 0 ? 0 : array[0].length;
        int cols = rows == 0 ? 0 : array[0][0].length;
        float[] flat = new float[Math.multiplyExact(Math.multiplyExact(array.length, rows), cols)];
        int pos = 0;
        for (int i = 0; i < array.length; i++) {
            if (array[i].length != rows) {
                throw new IllegalArgumentException("array[" + i + "] has " + array[i].length + " rows, expected " + rows);
            }
            for (int r = 0; r < rows; r++) {
                if (array[i][r].length != cols) {
                    throw new IllegalArgumentException("array[" + i + "][" + r + "] has " + array[i][r].length
                            + " values, expected " + cols);
                }
                System.arraycopy(array[i][r], 0, flat, pos, cols);
                pos += cols;
            }
        }
        write(out, new int[] {array.length, rows, cols}, flat);
    }

    static void write(Path out, int[] shape, float[] values) {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(values, "values");
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got "
                    + values.length);
        }
        long[] longShape = Arrays.stream(shape).asLongStream().toArray();
        try (AtomicFile file = AtomicFile.create(out)) {
            FileChannel ch = file.channel();
            ch.write(ByteBuffer.wrap(NpyHeader.format(FLOAT32, longShape, 0)));
            FloatSink sink = new FloatSink(ch);
            for (float v : values) {
                sink.put(v);
            }
            sink.flush();
            file.commit();
        } catch (IOException e) {
            throw IoFailures.cannotWrite(out, e);
        }
    }

    /** Little-endian floats buffered onto a channel. */
    static final class FloatSink {
        private final FileChannel channel;
        private final ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);

        FloatSink(FileChannel channel) {
            this.channel = channel;
        }

        void put(float v) throws IOException {
            if (!buf.hasRemaining()) {
                flush();
            }
            buf.putFloat(v);
        }

        void flush() throws IOException {
            buf.flip();
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            buf.clear();
        }
    }
}
