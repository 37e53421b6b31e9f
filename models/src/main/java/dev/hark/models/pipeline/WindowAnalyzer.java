package dev.hark.models.pipeline;

import dev.hark.core.frontend.FrameSink;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.core.frontend.LogMelPatch;
import dev.hark.core.frontend.PatchStream;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.EmbeddingBatch;
import dev.hark.models.head.WindowClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * The windowing pipeline of every Hark command and of the live listener: 16 kHz mono samples are streamed
 * in ({@link #accept}) and turned into 96-frame log-mel patches every {@code hopFrames} frames by the shared
 * {@link PatchStream}; patches are embedded in batches of {@code batchSize}, scored by
 * the head, and each window is handed to the listener in order as a {@link WindowResult}.
 *
 * <p>Results are bit-for-bit identical whatever the batch size and however the audio is chunked (the
 * front end is chunk-invariant and the embedder batch-invariant; tests check both), so {@code hark listen
 * --input FILE} and {@code hark classify FILE} agree exactly.
 *
 * <p>{@link #finish()} runs the last partial batch; when the whole input was shorter than one window it first
 * pads it with silence to exactly one window, marked {@link WindowResult#padded()}. A {@linkplain
 * Builder#windowFilter window filter} may skip windows by their start frame (the live listener's activity
 * gate): skipped windows are never embedded, their frames are not computed (unless a {@linkplain
 * Builder#frameListener frame listener} takes every frame), and they do not change the others.
 *
 * <p>Not thread-safe: one thread feeds it and owns the embedder; the listener runs on that thread. The
 * analyzer does not own (or close) the embedder.
 */
public final class WindowAnalyzer {
    /** Windows per model run offline (files); the live listener uses 1 for the lowest latency. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private final Embedder embedder;
    private final WindowClassifier classifier;
    private final int hopFrames;
    private final int batchSize;
    private final Consumer<WindowResult> listener;
    private final LongPredicate windowFilter;
    private final PatchStream frontEnd;
    private final List<LogMelPatch> pending = new ArrayList<>();
    /** Whether each pending window was completed with padding. */
    private final List<Boolean> padded = new ArrayList<>();
    private List<WindowResult> collector;
    private long windowsEmitted;
    private long windowsSkipped;

    private WindowAnalyzer(Builder b) {
        this.embedder = b.embedder;
        this.classifier = b.classifier;
        this.hopFrames = b.hopFrames > 0 ? b.hopFrames : embedder.frontEnd().defaultPatchHopFrames();
        this.batchSize = b.batchSize;
        this.listener = b.listener;
        this.windowFilter = b.windowFilter;
        this.frontEnd = new PatchStream(embedder.frontEnd(), hopFrames, this::patch, b.frameListener, this::admits);
    }

    /** Starts building an analyzer on {@code embedder} (its own front-end variant is used). */
    public static Builder builder(Embedder embedder) {
        return new Builder(embedder);
    }

    /** Options of a {@link WindowAnalyzer}. */
    public static final class Builder {
        private final Embedder embedder;
        private WindowClassifier classifier;
        private int hopFrames;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Consumer<WindowResult> listener = r -> { };
        private LongPredicate windowFilter = start -> true;
        private FrameSink frameListener;

        private Builder(Embedder embedder) {
            this.embedder = Objects.requireNonNull(embedder, "embedder");
        }

        /** The head that scores each window; without one, results carry embeddings only (scores null). */
        public Builder classifier(WindowClassifier classifier) {
            this.classifier = classifier;
            return this;
        }

        /** Frames (10 ms) between window starts; default the model's own (YAMNet 48, VGGish 96). */
        public Builder hopFrames(int hopFrames) {
            if (hopFrames < 1) {
                throw new IllegalArgumentException("hopFrames must be >= 1: " + hopFrames);
            }
            this.hopFrames = hopFrames;
            return this;
        }

        /** Windows per model run (default {@value #DEFAULT_BATCH_SIZE}; 1 for live listening). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1: " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Receives each window's result, in stream order, on the feeding thread. */
        public Builder listener(Consumer<WindowResult> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Decides, when a window's audio is complete, whether it is run at all, given its start frame
         * (10 ms units from the start of the stream); windows it rejects are skipped and counted.
         */
        public Builder windowFilter(LongPredicate acceptStartFrame) {
            this.windowFilter = Objects.requireNonNull(acceptStartFrame, "acceptStartFrame");
            return this;
        }

        /**
         * Receives every log-mel frame of the stream as the front end completes it (10 ms apart, 64 bands, the
         * frames the windows are made of), on the feeding thread; the array is never written again.
         */
        public Builder frameListener(FrameSink frames) {
            this.frameListener = Objects.requireNonNull(frames, "frames");
            return this;
        }

        public WindowAnalyzer build() {
            return new WindowAnalyzer(this);
        }
    }

    public Embedder embedder() {
        return embedder;
    }

    public int hopFrames() {
        return hopFrames;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Label names of the head's scores; empty without a head. */
    public List<String> labels() {
        return classifier == null ? List.of() : classifier.labels();
    }

    /** Streams {@code samples16k[off, off + len)} in (16 kHz mono, [-1, 1]); runs every full batch. */
    public void accept(float[] samples16k, int off, int len) {
        frontEnd.accept(samples16k, off, len);
    }

    /** Streams all of {@code samples16k} in. */
    public void accept(float[] samples16k) {
        accept(samples16k, 0, samples16k.length);
    }

    /**
     * Whether the frame listener gets every frame from now on (default: on when there is one). Off, the front end
     * makes only the frames of the windows the filter lets run: a gate closed for long makes none.
     */
    public void framesToListener(boolean on) {
        frontEnd.tapFrames(on);
    }

    /** Runs the windows waiting for a full batch now (lower latency; results are the same). */
    public void flush() {
        runPending();
    }

    /**
     * Ends the input: pads it with silence to one window if it held none, and runs the last partial batch.
     * {@link #reset()} then starts a new stream.
     */
    public void finish() {
        frontEnd.finish();
        runPending();
    }

    /** Forgets the stream (pending samples and windows are dropped): the next sample is time 0. */
    public void reset() {
        pending.clear();
        padded.clear();
        frontEnd.reset();
        windowsEmitted = 0;
        windowsSkipped = 0;
    }

    /**
     * Analyzes one whole clip and returns its windows (the listener is not called); the analyzer is left
     * reset. Used for clips (training, embedding data sets).
     *
     * @throws IllegalStateException when a stream is in progress
     */
    public List<WindowResult> analyze(float[] samples16k) {
        if (frontEnd.samplesAccepted() > 0 || !pending.isEmpty()) {
            throw new IllegalStateException("analyze() needs an idle analyzer: finish() and reset() the stream first");
        }
        List<WindowResult> out = new ArrayList<>();
        collector = out;
        try {
            accept(samples16k);
            finish();
        } finally {
            collector = null;
            reset();
        }
        return out;
    }

    /** Start frame of the first window waiting for its model run (a partial batch), or Long.MAX_VALUE when none. */
    public long firstPendingStartFrame() {
        return pending.isEmpty() ? Long.MAX_VALUE : pending.get(0).startFrame();
    }

    /** Audio accepted since the start of the stream (including padding), seconds. */
    public double secondsAccepted() {
        return frontEnd.samplesAccepted() / (double) FrontEndParams.SAMPLE_RATE_HZ;
    }

    /** Windows handed to the listener since the start of the stream. */
    public long windowsEmitted() {
        return windowsEmitted;
    }

    /** Windows the filter skipped since the start of the stream. */
    public long windowsSkipped() {
        return windowsSkipped;
    }

    /** The window filter's say on the window starting at {@code startFrame} (its frames are made only if it runs). */
    private boolean admits(long startFrame) {
        if (windowFilter.test(startFrame)) {
            return true;
        }
        windowsSkipped++;
        return false;
    }

    private void patch(LogMelPatch p, boolean paddedPatch) {
        pending.add(p);
        padded.add(paddedPatch);
        if (pending.size() >= batchSize) {
            runPending();
        }
    }

    private void runPending() {
        if (pending.isEmpty()) {
            return;
        }
        int n = pending.size();
        float[][][] patches = new float[n][][];
        for (int i = 0; i < n; i++) {
            patches[i] = pending.get(i).frames();
        }
        EmbeddingBatch batch = embedder.embed(patches);
        float[][] scores = classifier == null ? null : classifier.classify(batch);
        if (scores != null && scores.length != n) {
            throw new IllegalStateException("head " + classifier + " gave " + scores.length + " rows for " + n
                    + " windows");
        }
        List<LogMelPatch> done = new ArrayList<>(pending);
        List<Boolean> donePadded = new ArrayList<>(padded);
        pending.clear();
        padded.clear();
        for (int i = 0; i < n; i++) {
            LogMelPatch p = done.get(i);
            long startSample = p.startFrame() * FrontEndParams.HOP_LENGTH_SAMPLES;
            long endSample = startSample + PatchStream.ONE_PATCH_SAMPLES;
            WindowResult r = new WindowResult(p.startFrame() / hopFrames,
                    startSample / (double) FrontEndParams.SAMPLE_RATE_HZ,
                    endSample / (double) FrontEndParams.SAMPLE_RATE_HZ,
                    batch.embeddings()[i], scores == null ? null : scores[i], donePadded.get(i));
            windowsEmitted++;
            if (collector != null) {
                collector.add(r);
            } else {
                listener.accept(r);
            }
        }
    }
}
