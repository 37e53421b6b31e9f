package dev.hark.core.frontend;

import static dev.hark.core.frontend.FrontEndParams.HOP_LENGTH_SAMPLES;
import static dev.hark.core.frontend.FrontEndParams.MEL_BANDS;
import static dev.hark.core.frontend.FrontEndParams.PATCH_FRAMES;
import static dev.hark.core.frontend.FrontEndParams.WINDOW_LENGTH_SAMPLES;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.LongPredicate;

/**
 * 16 kHz mono samples in, 96-frame log-mel patches out, one every {@code hopFrames} frames: the front end as every
 * command and the live listener use it. A stream shorter than one patch (0.96 s) is padded with silence to exactly
 * one patch at {@link #finish()}, as YAMNet's reference does; that patch is marked padded.
 *
 * <p>A log-mel frame is computed when something needs it, never twice: the patches an {@linkplain
 * #PatchStream(FrontEndVariant, int, Sink, FrameSink, LongPredicate) admission test} lets through (the live
 * listener's activity gate: a quiet room computes no frame at all), and, while the {@linkplain #tapFrames frame tap}
 * is on, every frame of the stream as it completes. The stream keeps the samples of the next patch for that and the
 * frames already computed of it. A frame depends only on its 400 samples ({@link LogMelKernel}), so the frames
 * are bit-identical to {@link LogMel#logMel} on the concatenated stream, however it is chunked and whichever patches
 * run. Not thread-safe: one thread feeds it, the sink and the tap run on that thread.
 */
public final class PatchStream {
    /** Samples for exactly one 96-frame patch: 400 + 95 * 160. */
    public static final int ONE_PATCH_SAMPLES = WINDOW_LENGTH_SAMPLES + (PATCH_FRAMES - 1) * HOP_LENGTH_SAMPLES;
    /** Room for the samples kept: one patch and a few hundred milliseconds of what comes after it. */
    private static final int CAPACITY = ONE_PATCH_SAMPLES + 4096;

    /** Receives each completed patch in stream order. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param patch the patch (never written again)
         * @param padded whether it was completed with the silence {@link #finish()} adds to a short stream
         */
        void patch(LogMelPatch patch, boolean padded);
    }

    private final LogMelKernel kernel;
    private final int hopFrames;
    private final Sink sink;
    private final FrameSink frameTap;
    private final LongPredicate admit;
    private boolean tapOn;
    /** Samples {@code [bufferStart, bufferStart + filled)} of the stream, in {@code buffer[0, filled)}. */
    private final float[] buffer = new float[CAPACITY];
    private long bufferStart;
    private int filled;
    private long samplesAccepted;
    /** Start frame of the next patch; the next frame for the tap. */
    private long nextPatch;
    private long nextTapFrame;
    /** The frames computed of the last 96, by frame index modulo 96, and whose each is (-1: none). */
    private final float[][] frames = new float[PATCH_FRAMES][];
    private final long[] frameIndices = new long[PATCH_FRAMES];
    private boolean padding;
    private long patchesCompleted;
    private long framesMade;

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
        this(variant, hopFrames, sink, frameTap, start -> true);
    }

    /**
     * As {@link #PatchStream(FrontEndVariant, int, Sink, FrameSink)}, where {@code admit} is asked once for each
     * patch as its last sample arrives, given its start frame, whether it goes to the sink: the frames of a patch it
     * refuses are not computed (unless the tap takes them).
     */
    public PatchStream(FrontEndVariant variant, int hopFrames, Sink sink, FrameSink frameTap, LongPredicate admit) {
        if (hopFrames < 1) {
            throw new IllegalArgumentException("hopFrames must be >= 1, got " + hopFrames);
        }
        this.kernel = new LogMelKernel(Objects.requireNonNull(variant, "variant"));
        this.hopFrames = hopFrames;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.frameTap = frameTap;
        this.admit = Objects.requireNonNull(admit, "admit");
        this.tapOn = frameTap != null;
        Arrays.fill(frameIndices, -1);
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

    /**
     * Whether the frame tap gets the frames from now on (on from the start when there is a tap; no effect without
     * one). Turned on again, it gets the frames completed from then on.
     */
    public void tapFrames(boolean on) {
        boolean now = on && frameTap != null;
        if (now && !tapOn) {
            long end = bufferStart + filled;
            // frames whose 400 samples are all still ahead, or in the buffer: those completed before are gone
            long first = Math.max(bufferStart + HOP_LENGTH_SAMPLES - 1, end - WINDOW_LENGTH_SAMPLES + HOP_LENGTH_SAMPLES)
                    / HOP_LENGTH_SAMPLES;
            nextTapFrame = Math.max(nextTapFrame, first);
        }
        tapOn = now;
    }

    /** Streams {@code samples16k[off, off + len)} in; every patch it completes goes to the sink. */
    public void accept(float[] samples16k, int off, int len) {
        Objects.checkFromIndexSize(off, len, samples16k.length);
        int pos = off;
        int end = off + len;
        while (pos < end) {
            long needed = firstSampleNeeded();
            if (filled == 0 && bufferStart < needed) {
                // samples no frame will be made of (a hop longer than a patch): skipped
                int skip = (int) Math.min(end - pos, needed - bufferStart);
                bufferStart += skip;
                samplesAccepted += skip;
                pos += skip;
                continue;
            }
            int take = Math.min(end - pos, CAPACITY - filled);
            System.arraycopy(samples16k, pos, buffer, filled, take);
            filled += take;
            pos += take;
            samplesAccepted += take;
            emitCompleted();
            int drop = (int) Math.min(filled, firstSampleNeeded() - bufferStart);
            if (drop > 0) {
                System.arraycopy(buffer, drop, buffer, 0, filled - drop);
                filled -= drop;
                bufferStart += drop;
            }
        }
    }

    /** The tap's frames and the patches the samples in now complete, in stream order (a frame before its patch). */
    private void emitCompleted() {
        long end = bufferStart + filled;
        while (true) {
            long patchEnd = nextPatch * HOP_LENGTH_SAMPLES + ONE_PATCH_SAMPLES;
            long tapEnd = tapOn ? nextTapFrame * HOP_LENGTH_SAMPLES + WINDOW_LENGTH_SAMPLES : Long.MAX_VALUE;
            if (tapEnd <= patchEnd && tapEnd <= end) {
                long i = nextTapFrame++;
                float[] f = frame(i);
                if (!padding) {
                    frameTap.frame(i, f);
                }
            } else if (patchEnd <= end) {
                long start = nextPatch;
                nextPatch += hopFrames;
                patchesCompleted++;
                if (admit.test(start)) {
                    float[][] rows = new float[PATCH_FRAMES][];
                    for (int k = 0; k < PATCH_FRAMES; k++) {
                        rows[k] = frame(start + k);
                    }
                    sink.patch(new LogMelPatch(rows, start), padding);
                }
            } else {
                return;
            }
        }
    }

    /** The first sample a frame still to be made may need. */
    private long firstSampleNeeded() {
        long patch = nextPatch * HOP_LENGTH_SAMPLES;
        return tapOn ? Math.min(patch, nextTapFrame * HOP_LENGTH_SAMPLES) : patch;
    }

    /** Frame {@code i}, computed from the buffer unless it was already (its samples are in the buffer). */
    private float[] frame(long i) {
        int slot = (int) Math.floorMod(i, (long) PATCH_FRAMES);
        if (frameIndices[slot] == i) {
            return frames[slot];
        }
        float[] row = new float[MEL_BANDS];
        kernel.frame(buffer, (int) (i * HOP_LENGTH_SAMPLES - bufferStart), row);
        frames[slot] = row;
        frameIndices[slot] = i;
        framesMade++;
        return row;
    }

    /** Ends the stream: when no patch was completed, pads it with silence to exactly one patch. */
    public void finish() {
        if (patchesCompleted == 0) {
            padding = true;
            try {
                float[] silence = new float[(int) (ONE_PATCH_SAMPLES - samplesAccepted)];
                accept(silence, 0, silence.length);
            } finally {
                padding = false;
            }
        }
    }

    /** Forgets the stream: the next sample is time 0. */
    public void reset() {
        bufferStart = 0;
        filled = 0;
        samplesAccepted = 0;
        nextPatch = 0;
        nextTapFrame = 0;
        patchesCompleted = 0;
        framesMade = 0;
        Arrays.fill(frames, null);
        Arrays.fill(frameIndices, -1);
        tapOn = frameTap != null;
    }

    /** Samples accepted since the start of the stream, padding included. */
    public long samplesAccepted() {
        return samplesAccepted;
    }

    public int hopFrames() {
        return hopFrames;
    }

    /** Log-mel frames computed since the start of the stream (each at most once). */
    public long framesMade() {
        return framesMade;
    }
}
