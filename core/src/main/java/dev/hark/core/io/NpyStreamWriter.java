package dev.hark.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Streams float32 rows of a fixed width into a {@code .npy} file whose row count is not known in advance: rows go
 * to an {@link AtomicFile}; {@link #commit()} writes the final shape {@code (rows, cols)} into the header and
 * moves the file into place. Closing without committing deletes the temporary file and leaves the target
 * untouched. Not thread-safe.
 */
public final class NpyStreamWriter implements AutoCloseable {
    /** Header size of streamed files: room for any shape of up to three long dimensions. */
    private static final int HEADER_BYTES = 128;

    private final Path out;
    private final int cols;
    private final AtomicFile file;
    private final NpyWriter.FloatSink sink;
    private long rows;
    private boolean finished;

    private NpyStreamWriter(Path out, int cols, AtomicFile file) {
        this.out = out;
        this.cols = cols;
        this.file = file;
        this.sink = new NpyWriter.FloatSink(file.channel());
    }

    /** Opens a writer of rows of {@code cols} values to {@code out}. */
    static NpyStreamWriter open(Path out, int cols) {
        if (cols < 0) {
            throw new IllegalArgumentException("cols must be >= 0, got " + cols);
        }
        AtomicFile file;
        try {
            file = AtomicFile.create(out);
        } catch (IOException e) {
            throw IoFailures.cannotWrite(out, e);
        }
        try {
            file.channel().write(ByteBuffer.wrap(header(0, cols)));
        } catch (IOException e) {
            file.close();
            throw IoFailures.cannotWrite(out, e);
        }
        return new NpyStreamWriter(out, cols, file);
    }

    private static byte[] header(long rows, int cols) {
        return NpyHeader.format(NpyWriter.FLOAT32, new long[] {rows, cols}, HEADER_BYTES);
    }

    /** Appends one row of exactly {@code cols} values. */
    public void writeRow(float[] row) {
        if (finished) {
            throw new IllegalStateException("writer for " + out + " is already committed or closed");
        }
        if (row.length != cols) {
            throw new IllegalArgumentException("row has " + row.length + " values, expected " + cols);
        }
        try {
            for (float v : row) {
                sink.put(v);
            }
        } catch (IOException e) {
            throw IoFailures.cannotWrite(out, e);
        }
        rows++;
    }

    /** Appends rows. */
    public void writeRows(float[][] block) {
        for (float[] row : block) {
            writeRow(row);
        }
    }

    /** Rows written so far. */
    public long rows() {
        return rows;
    }

    /** Writes the final header and moves the file into place; the writer is then closed. */
    public void commit() {
        if (finished) {
            throw new IllegalStateException("writer for " + out + " is already committed or closed");
        }
        finished = true;
        try {
            sink.flush();
            file.channel().write(ByteBuffer.wrap(header(rows, cols)), 0);
            file.commit();
        } catch (IOException e) {
            file.close();
            throw IoFailures.cannotWrite(out, e);
        }
    }

    /** Discards the file unless committed. Idempotent. */
    @Override
    public void close() {
        finished = true;
        file.close();
    }
}
