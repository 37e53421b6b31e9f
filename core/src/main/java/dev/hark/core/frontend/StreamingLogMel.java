package dev.hark.core.frontend;

import static dev.hark.core.frontend.FrontEndParams.HOP_LENGTH_SAMPLES;
import static dev.hark.core.frontend.FrontEndParams.MEL_BANDS;
import static dev.hark.core.frontend.FrontEndParams.WINDOW_LENGTH_SAMPLES;

import java.util.Objects;

/**
 * The log-mel front end for a stream of 16 kHz mono samples delivered in chunks of any size: each frame
 * is emitted to the {@link FrameSink} as soon as its 400 samples have arrived. The frames are bit-identical
 * to {@link LogMel#logMel} on the concatenated stream, however it is chunked. Holds at most a few
 * thousand samples. Not thread-safe: one thread feeds it (the sink runs on that thread).
 */
public final class StreamingLogMel {
    /** Room for the pending samples; a multiple of the hop well above the window. */
    private static final int CAPACITY = 4096;

    private final LogMelKernel kernel;
    private final FrameSink sink;
    private final FrontEndVariant variant;
    private final float[] pending = new float[CAPACITY];
    /** Valid samples in {@code pending[0, filled)}; the next frame starts at {@code pending[0]}. */
    private int filled;
    private long samplesAccepted;
    private long framesEmitted;

    public StreamingLogMel(FrontEndVariant variant, FrameSink sink) {
        this.variant = Objects.requireNonNull(variant, "variant");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.kernel = new LogMelKernel(variant);
    }

    public FrontEndVariant variant() {
        return variant;
    }

    /** Accepts all of {@code samples}. */
    public void accept(float[] samples) {
        accept(samples, 0, samples.length);
    }

    /** Accepts {@code samples[offset, offset + length)}, emitting every frame that completes. */
    public void accept(float[] samples, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, samples.length);
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            int take = Math.min(end - pos, CAPACITY - filled);
            System.arraycopy(samples, pos, pending, filled, take);
            filled += take;
            pos += take;
            samplesAccepted += take;
            int start = 0;
            while (filled - start >= WINDOW_LENGTH_SAMPLES) {
                float[] row = new float[MEL_BANDS];
                kernel.frame(pending, start, row);
                sink.frame(framesEmitted++, row);
                start += HOP_LENGTH_SAMPLES;
            }
            if (start > 0) {
                System.arraycopy(pending, start, pending, 0, filled - start);
                filled -= start;
            }
        }
    }

    /** Samples accepted since construction or the last {@link #reset()}. */
    public long samplesAccepted() {
        return samplesAccepted;
    }

    /** Frames emitted since construction or the last {@link #reset()}; the next frame's index. */
    public long framesEmitted() {
        return framesEmitted;
    }

    /** Forgets pending samples and restarts frame numbering at 0 (a new stream). */
    public void reset() {
        filled = 0;
        samplesAccepted = 0;
        framesEmitted = 0;
    }
}
