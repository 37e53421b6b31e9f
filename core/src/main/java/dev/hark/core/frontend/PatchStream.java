package dev.hark.core.frontend;

import static dev.hark.core.frontend.FrontEndParams.HOP_LENGTH_SAMPLES;
import static dev.hark.core.frontend.FrontEndParams.PATCH_FRAMES;
import static dev.hark.core.frontend.FrontEndParams.WINDOW_LENGTH_SAMPLES;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * 16 kHz mono samples in, 96-frame log-mel patches out: the streaming front end ({@link StreamingLogMel}), the
 * {@link Patcher}, and the padding rule, as every command and the live listener use them. A stream shorter than
 * one patch (0.96 s) is padded with silence to exactly one patch at {@link #finish()}, as YAMNet's reference
 * does; that patch is marked padded. Not thread-safe: one thread feeds it, the sink runs on that thread.
 */
public final class PatchStream {
    /** Samples for exactly one 96-frame patch: 400 + 95 * 160. */
    public static final int ONE_PATCH_SAMPLES = WINDOW_LENGTH_SAMPLES + (PATCH_FRAMES - 1) * HOP_LENGTH_SAMPLES;

    /** Receives each completed patch in stream order. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param patch the patch (never written again)
         * @param padded whether it was completed with the silence {@link #finish()} adds to a short stream
         */
        void patch(LogMelPatch patch, boolean padded);
    }

    private final StreamingLogMel frontEnd;
    private final Patcher patcher;
    private final Sink sink;
    private boolean padding;
    private long patchesCompleted;

    /** Patches every {@code hopFrames} frames of {@code variant}'s log-mel frames, handed to {@code sink}. */
    public PatchStream(FrontEndVariant variant, int hopFrames, Sink sink) {
        this(variant, hopFrames, sink, null);
    }

    /**
     * As {@link #PatchStream(FrontEndVariant, int, Sink)}, and every log-mel frame of the stream (not those of the
     * padding {@link #finish()} adds) also goes to {@code frameTap} as it completes, before the patch it may
     * complete: the very frames the models see (a live spectrogram). {@code frameTap} null: none.
     */
    public PatchStream(FrontEndVariant variant, int hopFrames, Sink sink, FrameSink frameTap) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.patcher = new Patcher(hopFrames);
        FrameSink patches = patcher.sinkTo(this::completed);
        this.frontEnd = new StreamingLogMel(variant, frameTap == null ? patches : (i, f) -> {
            if (!padding) {
                frameTap.frame(i, f);
            }
            patches.frame(i, f);
        });
    }

    /** All patches of one whole clip, padded to one patch if shorter (the rows of each patch are fresh). */
    public static List<LogMelPatch> patchesOf(float[] samples16k, FrontEndVariant variant, int hopFrames) {
        List<LogMelPatch> out = new ArrayList<>();
        PatchStream s = new PatchStream(variant, hopFrames, (p, padded) -> out.add(p));
        s.accept(samples16k, 0, samples16k.length);
        s.finish();
        return out;
    }

    /** {@code samples} itself when it holds at least one patch, else a copy padded with zeros to one patch. */
    public static float[] padToOnePatch(float[] samples) {
        return samples.length >= ONE_PATCH_SAMPLES ? samples : Arrays.copyOf(samples, ONE_PATCH_SAMPLES);
    }

    /** Streams {@code samples16k[off, off + len)} in; every patch it completes goes to the sink. */
    public void accept(float[] samples16k, int off, int len) {
        frontEnd.accept(samples16k, off, len);
    }

    /** Ends the stream: when no patch was completed, pads it with silence to exactly one patch. */
    public void finish() {
        if (patchesCompleted == 0) {
            padding = true;
            try {
                frontEnd.accept(new float[(int) (ONE_PATCH_SAMPLES - frontEnd.samplesAccepted())]);
            } finally {
                padding = false;
            }
        }
    }

    /** Forgets the stream: the next sample is time 0. */
    public void reset() {
        frontEnd.reset();
        patcher.reset();
        patchesCompleted = 0;
    }

    /** Samples accepted since the start of the stream, padding included. */
    public long samplesAccepted() {
        return frontEnd.samplesAccepted();
    }

    public int hopFrames() {
        return patcher.hopFrames();
    }

    private void completed(LogMelPatch p) {
        patchesCompleted++;
        sink.patch(p, padding);
    }
}
