package dev.hark.core.audio;

import dev.hark.core.frontend.FrontEndParams;

/**
 * An audio file streamed as 16 kHz mono floats in [-1, 1]: an {@link AudioReader} followed by a {@link Resampler}
 * (a plain copy when the file is at 16 kHz already). Memory stays bounded however long the file. Resampled samples
 * that overshoot full scale (the ringing of a band-limited filter on clipped input) are clamped to [-1, 1].
 * Not thread-safe; {@link #close()} is idempotent.
 */
public final class Mono16kStream implements AutoCloseable {
    private static final int BLOCK = 16_384;

    private final AudioReader reader;
    private final Resampler resampler;
    private final float[] block = new float[BLOCK];
    private float[] pending = new float[0];
    private int pendingPos;
    private boolean inputEnded;
    private boolean closed;

    Mono16kStream(AudioReader reader) {
        this.reader = reader;
        int rate = reader.info().sampleRateHz();
        this.resampler = rate == FrontEndParams.SAMPLE_RATE_HZ ? null
                : new Resampler(rate, FrontEndParams.SAMPLE_RATE_HZ);
    }

    /** The file's own header information (native rate, channels, ...). */
    public AudioFileInfo info() {
        return reader.info();
    }

    /**
     * Reads up to {@code length} 16 kHz mono samples.
     *
     * @return the number read (at least 1 if {@code length > 0}), or -1 at the end
     * @throws dev.hark.errors.BadInputException naming the file, for corrupt data or NaN/Inf samples
     */
    public int read(float[] buf, int offset, int length) {
        if (closed) {
            throw new IllegalStateException("stream of " + reader.path() + " is closed");
        }
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + buf.length);
        }
        if (length == 0) {
            return 0;
        }
        if (resampler == null) {
            return reader.read(buf, offset, length);
        }
        while (pendingPos == pending.length) {
            if (inputEnded) {
                return -1;
            }
            int n = reader.read(block, 0, block.length);
            if (n < 0) {
                inputEnded = true;
                pending = resampler.flush();
            } else {
                pending = resampler.process(block, 0, n);
            }
            clamp(pending);
            pendingPos = 0;
        }
        int n = Math.min(length, pending.length - pendingPos);
        System.arraycopy(pending, pendingPos, buf, offset, n);
        pendingPos += n;
        return n;
    }

    /** Band-limiting a clipped signal overshoots full scale a little (Gibbs); keep the [-1, 1] promise. */
    private static void clamp(float[] x) {
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            if (v > 1f) {
                x[i] = 1f;
            } else if (v < -1f) {
                x[i] = -1f;
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        reader.close();
    }
}
