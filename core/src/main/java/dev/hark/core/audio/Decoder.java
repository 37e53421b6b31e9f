package dev.hark.core.audio;

import java.io.Closeable;
import java.io.IOException;

/** One open, positioned decoder of a file's sample data: delivers mono float samples at the native rate. */
interface Decoder extends Closeable {
    /**
     * Reads up to {@code length} mono samples into {@code mono[offset..]}.
     *
     * @return the number of samples read (at least 1 when length > 0), or -1 at the end of the data
     */
    int read(float[] mono, int offset, int length) throws IOException;
}
