package dev.hark.live;

import dev.hark.config.listen.EventSettings;
import dev.hark.config.listen.GateSettings;
import dev.hark.config.listen.ListenSettings;
import dev.hark.core.audio.Resampler;
import dev.hark.core.concepts.ConceptScorer;
import dev.hark.core.concepts.LevelMeter;
import dev.hark.core.events.DetectionEvent;
import dev.hark.core.events.EventTracker;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.core.frontend.StreamingLogMel;
import dev.hark.errors.BadInputException;
import dev.hark.live.gate.ActivityGate;
import dev.hark.live.record.AudioRing;
import dev.hark.models.embed.Embedder;
import dev.hark.models.head.AudioSetHead;
import dev.hark.models.head.TrainedHead;
import dev.hark.models.head.WindowClassifier;
import dev.hark.models.pipeline.WindowAnalyzer;
import dev.hark.models.pipeline.WindowResult;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The detector's work without threads: audio in, windows and events out, synchronously. For a caller with its
 * own audio (any rate, in pieces of any size), and what the threaded {@link Detector} runs on its processing
 * thread, so both give the same results for the same audio.
 *
 * <pre>{@code
 * try (DetectionPipeline p = DetectionPipeline.builder().build()) {
 *     Detections d = p.process(samples, 44_100);   // the windows and events these samples completed
 *     Detections rest = p.finish();                // the last windows; open events closed
 * }
 * }</pre>
 *
 * <p>Steps: resampling to 16 kHz, the activity gate (a window with the gate closed throughout runs no model:
 * {@code ran = false}), the shared {@link WindowAnalyzer}, the concepts' scores ({@link ConceptScorer}: the
 * catalogue's concepts over AudioSet labels, a trained head's labels, or raw labels) and the per-concept
 * {@link EventTracker}. A window skipped by the gate is reported as soon as the audio that completes it is in
 * (unless a window before it still waits for its model run), so offsets do not wait for the gate to open again.
 * Where the gate opens after quiet, one window off the hop grid ends 0.25 s after the opening
 * ({@link OnsetWindows}; {@link Builder#onsetWindows}): a sound's onset need not wait up to a hop for the grid's next
 * window. Without a gate ({@code off}) there are none, and the windows are those of {@code hark classify}.
 * One thread at a time.
 */
public final class DetectionPipeline implements AutoCloseable {
    private final PipelineModels models;
    /** What the analyzers call: the head in force (the pipeline's own, or one switched to). */
    private final SwitchableHead head;
    /** A head waiting for the processing thread's next audio ({@link #switchHead}); null: none. */
    private final AtomicReference<HeadChange> headChange = new AtomicReference<>();
    /** The head in force and what is tracked over it: changed on the processing thread only, read from any. */
    private volatile InForce inForce;
    private final LevelMeter level = new LevelMeter();
    private final WindowAnalyzer analyzer;
    private final StreamTimeline timeline = new StreamTimeline();
    private final GatedWindows gatedWindows;
    /** New thresholds, one per tracked name, waiting for the processing thread's next window. */
    private final AtomicReference<Retune> retune = new AtomicReference<>();
    /** The event settings of the pipeline's own head (a head switched to tracks each of its labels). */
    private final EventSettings events;
    /** The model named in the settings (a trained head loaded later is checked against it). */
    private final String modelSpec;
    private volatile Map<String, Double> thresholds;
    /** Null without a gate or when turned off; then also {@code recent} and {@code onsetAnalyzer}. */
    private final OnsetWindows onsetWindows;
    private final AudioRing recent;
    private final WindowAnalyzer onsetAnalyzer;
    private Resampler resampler;
    private int resamplerRateHz;
    private DetectionListener sink;
    /** The sink last asked whether it takes frames. */
    private DetectionListener framesAskedBy;
    private boolean finished;
    private boolean closed;

    private DetectionPipeline(Builder b, ListenSettings s) {
        models = PipelineModels.open(s, b.embedder, b.closeEmbedder, b.classifier);
        head = new SwitchableHead(models.classifier());
        events = s.events();
        modelSpec = s.model();
        inForce = new InForce(models.classifier(), null, events, !(models.classifier() instanceof AudioSetHead),
                models.concepts(), models.tracker());
        gatedWindows = models.gate() == null ? null : new GatedWindows(models.gate());
        WindowAnalyzer.Builder ab = WindowAnalyzer.builder(models.embedder()).classifier(head)
                .hopFrames(s.hopFrames()).batchSize(b.batchSize > 0 ? b.batchSize : WindowAnalyzer.DEFAULT_BATCH_SIZE)
                .listener(this::onWindowResult).frameListener(this::onFrame);
        if (gatedWindows != null) {
            ab.windowFilter(gatedWindows::runs);
        }
        thresholds = thresholdsInForce();
        try {
            analyzer = ab.build();
        } catch (RuntimeException e) {
            models.close();
            throw e;
        }
        if (gatedWindows != null && b.onsetWindows) {
            onsetWindows = new OnsetWindows(models.gate(), analyzer.hopFrames());
            recent = new AudioRing(OnsetWindows.WINDOW_SAMPLES + FrontEndParams.SAMPLE_RATE_HZ);
            // the same front end, embedder and head, for one window at a time
            onsetAnalyzer = WindowAnalyzer.builder(models.embedder()).classifier(head).batchSize(1).build();
        } else {
            onsetWindows = null;
            recent = null;
            onsetAnalyzer = null;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link DetectionPipeline}; everything has a default (YAMNet with its AudioSet labels). */
    public static final class Builder {
        ListenSettings.Builder settings = ListenSettings.builder();
        private Embedder embedder;
        private boolean closeEmbedder;
        private WindowClassifier classifier;
        int batchSize;
        boolean onsetWindows = true;

        private Builder() { }

        /** The embedding model to open: {@code yamnet} (default), {@code vggish} or an ONNX file. */
        public Builder model(String spec) {
            settings.model(Objects.requireNonNull(spec));
            return this;
        }

        /** An embedder already open (not closed by the pipeline); overrides {@link #model}. */
        public Builder embedder(Embedder embedder) {
            return embedder(embedder, false);
        }

        /** An open embedder, closed with the other models when {@code closeWithPipeline} (tests observe it). */
        Builder embedder(Embedder embedder, boolean closeWithPipeline) {
            this.embedder = embedder;
            this.closeEmbedder = closeWithPipeline;
            return this;
        }

        /** The head scoring each window; default the model's own AudioSet labels. */
        public Builder classifier(WindowClassifier classifier) {
            this.classifier = classifier;
            return this;
        }

        /** A trained head ({@code .hark} bundle from {@code hark train}) for the model; overrides AudioSet labels. */
        public Builder classifierFile(Path bundle) {
            settings.classifier(bundle);
            return this;
        }

        public Builder gate(GateSettings gate) {
            settings.gate(Objects.requireNonNull(gate));
            return this;
        }

        public Builder events(EventSettings events) {
            settings.events(Objects.requireNonNull(events));
            return this;
        }

        /** Only these concepts (catalogue names, your own, or a trained head's labels); none: the default set. */
        public Builder concepts(String... names) {
            return events(settings.build().events().toBuilder().labels(names).build());
        }

        /** Adds a concept of your own, or overrides a catalogue concept of the same name. */
        public Builder concept(dev.hark.config.concepts.ConceptDefinition concept) {
            return events(settings.build().events().toBuilder().concept(concept).build());
        }

        /** A concept's (or label's) own threshold, over the catalogue's. */
        public Builder threshold(String concept, double threshold) {
            return events(settings.build().events().toBuilder().labelThreshold(concept, threshold).build());
        }

        /** A concept's (or label's) own onset rule ({@code new OnsetRule(2, 3)}: 2 of the last 3 windows). */
        public Builder onset(String concept, dev.hark.config.OnsetRule rule) {
            return events(settings.build().events().toBuilder().labelOnset(concept, rule).build());
        }

        /** Hop between windows in seconds (a multiple of 0.01; default 0.48). */
        public Builder hopSeconds(double hopSeconds) {
            settings.hopSeconds(hopSeconds);
            return this;
        }

        /** Model threads (default {@link dev.hark.config.ModelDefaults#THREADS}; 0: every core). */
        public Builder threads(int threads) {
            settings.threads(threads);
            return this;
        }

        /** Windows per model run (0, the default: {@link WindowAnalyzer#DEFAULT_BATCH_SIZE}); results are identical. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 0) {
                throw new BadInputException("bad batch size: " + batchSize + " (at least 1, or 0 for the default)");
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Whether a window is run where the gate opens, off the hop grid, ending 0.25 s after the opening (default
         * true; no effect without a gate): onsets come up to a hop sooner, for a few more model runs.
         */
        public Builder onsetWindows(boolean onsetWindows) {
            this.onsetWindows = onsetWindows;
            return this;
        }

        /** Takes the model, classifier, hop, threads, gate and event settings of {@code s}. */
        public Builder settings(ListenSettings s) {
            settings = s.toBuilder();
            return this;
        }

        /** A builder with the same options (the settings as they are now). */
        Builder copy() {
            return new Builder().settings(settings.build()).embedder(embedder, closeEmbedder).classifier(classifier)
                    .batchSize(batchSize).onsetWindows(onsetWindows);
        }

        /** Checks the settings and opens the models ({@link BadInputException} or ModelException on a problem). */
        public DetectionPipeline build() {
            return new DetectionPipeline(this, settings.build());
        }
    }

    /**
     * Processes the next samples (mono, at {@code sampleRateHz}); returns every window they completed (a partial
     * batch runs now) and the events those decided.
     */
    public Detections process(float[] samples, int sampleRateHz) {
        DetectionsCollector c = new DetectionsCollector();
        process(samples, sampleRateHz, c);
        sink = c;
        try {
            analyzer.flush();
            reportSkipped(Long.MAX_VALUE); // none of the skipped windows waits for an earlier one any more
        } finally {
            sink = null;
        }
        return c.detections();
    }

    /** Streams the next samples: the 16 kHz audio, windows (in batches) and events go to {@code sink}, in order. */
    public void process(float[] samples, int sampleRateHz, DetectionListener sink) {
        checkOpen();
        listenTo(sink);
        try {
            if (resampler != null && resamplerRateHz != sampleRateHz) {
                accept16k(resampler.flush()); // the rate changed (a device came back at another): end the old one
                resampler = null;
            }
            if (sampleRateHz != FrontEndParams.SAMPLE_RATE_HZ && resampler == null) {
                resampler = new Resampler(sampleRateHz, FrontEndParams.SAMPLE_RATE_HZ);
                resamplerRateHz = sampleRateHz;
            }
            accept16k(resampler == null ? samples : resampler.process(samples, 0, samples.length));
        } finally {
            this.sink = null;
        }
    }

    /** The end of the stream: runs the last windows and closes the open events. Further audio is refused. */
    public Detections finish() {
        DetectionsCollector c = new DetectionsCollector();
        finish(c);
        return c.detections();
    }

    /** {@link #finish()} handing what it gives to {@code sink}. */
    public void finish(DetectionListener sink) {
        checkOpen();
        finished = true;
        listenTo(sink);
        try {
            if (resampler != null) {
                accept16k(resampler.flush());
            }
            if (timeline.processedSamples() > 0) {
                analyzer.finish();
            }
            reportSkipped(Long.MAX_VALUE);
            for (DetectionEvent e : inForce.tracker().closeAll(timeline.endSeconds())) {
                sink.onEvent(e);
            }
        } finally {
            this.sink = null;
        }
    }

    /** {@code sink} gets what comes next; the front end makes every frame only if it takes them. */
    private void listenTo(DetectionListener sink) {
        if (sink != framesAskedBy) {
            framesAskedBy = sink;
            analyzer.framesToListener(sink.takesFrames());
        }
        this.sink = sink;
    }

    /** {@code seconds} of audio were lost before the next samples (an overrun): later times jump over them. */
    public void skip(double seconds) {
        timeline.skipped(seconds);
    }

    private void checkOpen() {
        if (closed || finished) {
            throw new IllegalStateException(closed ? "pipeline closed" : "pipeline finished: build a new one");
        }
    }

    private void accept16k(float[] y) {
        if (y.length == 0) {
            return;
        }
        applyHeadChange();
        if (onsetWindows == null) {
            accept16k(y, 0, y.length);
            return;
        }
        // in steps of at most one gate frame, so that an opening is seen at once and its window is run when due
        int off = 0;
        while (off < y.length) {
            int n = (int) Math.max(1, Math.min(y.length - off,
                    onsetWindows.samplesBeforeNextLook(timeline.processedSamples())));
            accept16k(y, off, n);
            recent.append(y, off, n);
            off += n;
            onsetWindows.observe();
            long start = onsetWindows.takeDue(timeline.processedSamples());
            if (start >= 0) {
                runOnsetWindow(start);
            }
        }
    }

    private void accept16k(float[] y, int off, int len) {
        sink.onAudio(timeline.nextStreamSample(), y, off, len);
        if (gatedWindows != null) {
            gatedWindows.accept(y, off, len);
        }
        timeline.processed(len);
        level.accept(y, off, len);
        analyzer.accept(y, off, len);
        reportSkipped(analyzer.firstPendingStartFrame()); // skipped windows wait only for earlier windows to run
    }

    private void onFrame(long frameIndex, float[] logMel64) {
        if (sink != null) {
            sink.onFrame(frameIndex * FrontEndParams.FRAME_HOP_SECONDS + timeline.offsetSeconds(), logMel64);
        }
    }

    /**
     * Runs the onset window starting at {@code startSample} (its audio just completed), after every grid window that
     * started before it: those waiting for a batch run now (results do not depend on the batch), skipped ones are
     * reported.
     */
    private void runOnsetWindow(long startSample) {
        analyzer.flush();
        long startFrame = startSample / FrontEndParams.HOP_LENGTH_SAMPLES;
        reportSkipped(startFrame);
        float[] audio = recent.copy(startSample, startSample + OnsetWindows.WINDOW_SAMPLES);
        WindowResult r = onsetAnalyzer.analyze(audio).get(0);
        double start = startSample / (double) FrontEndParams.SAMPLE_RATE_HZ;
        report(startFrame / analyzer.hopFrames(), start,
                start + OnsetWindows.WINDOW_SAMPLES / (double) FrontEndParams.SAMPLE_RATE_HZ, true, false, r.scores());
    }

    private void onWindowResult(WindowResult r) {
        reportSkipped(Math.round(r.startSeconds() * 100.0));
        report(r.index(), r.startSeconds(), r.endSeconds(), true, r.padded(), r.scores());
    }

    /** Reports the skipped windows that started before {@code beforeFrame}, in order. */
    private void reportSkipped(long beforeFrame) {
        if (gatedWindows != null) {
            gatedWindows.drainSkippedBefore(beforeFrame, f -> {
                double start = f * FrontEndParams.HOP_LENGTH_SAMPLES / (double) FrontEndParams.SAMPLE_RATE_HZ;
                report(f / analyzer.hopFrames(), start, start + GatedWindows.WINDOW_SAMPLES
                        / (double) FrontEndParams.SAMPLE_RATE_HZ, false, false, null);
            });
        }
    }

    /**
     * New thresholds (the default and per-label ones of {@code events}) for the next windows; callable from any
     * thread while the pipeline runs. Every per-label threshold must name one of the classifier's labels.
     */
    public void retune(EventSettings events) {
        InForce now = inForce;
        LabelSelection.checkThresholds(events.labelThresholds(), now.concepts().names());
        // resolved as at the start, so that a concept's own threshold (the catalogue's) stays unless overridden
        EventSettings next = now.events().toBuilder().threshold(events.threshold())
                .labelThresholds(events.labelThresholds()).build();
        ConceptScorer resolved = TrackedConcepts.resolve(now.classifier().labels(), next, now.ownLabels());
        if (!resolved.names().equals(now.concepts().names())) {
            throw new IllegalStateException("retuning changed the concepts tracked: " + resolved.names());
        }
        retune.set(new Retune(now, resolved.thresholds()));
    }

    /**
     * Switches the live head (from any thread; in force from the next audio processed, on the processing thread):
     * the events still open are closed, and from then on the windows are scored by {@code next} and an event is
     * raised for each of its labels ({@code unknown} aside) at the default threshold of the settings; null switches
     * back to the pipeline's own head and concepts. The pipeline closes a head switched to (an {@link
     * AutoCloseable} one) once it is replaced, or with the pipeline.
     *
     * @param name how the head is called in status lines (e.g. its file), or null
     * @throws BadInputException when {@code next}'s labels cannot be tracked
     */
    public void switchHead(WindowClassifier next, String name) {
        checkOpen();
        HeadChange change;
        if (next == null) {
            change = new HeadChange(models.classifier(), null, events, !(models.classifier() instanceof AudioSetHead));
        } else {
            EventSettings own = ownHeadEvents(events);
            change = new HeadChange(next, name == null ? next.toString() : name, own, true);
        }
        ConceptScorer concepts = TrackedConcepts.resolve(change.classifier().labels(), change.events(),
                change.ownLabels());
        if (concepts.names().isEmpty()) {
            throw new BadInputException("head " + change.name() + " has no label to raise events for");
        }
        HeadChange old = headChange.getAndSet(change.withConcepts(concepts));
        if (old != null) {
            closeSwitched(old.classifier());
        }
    }

    /**
     * Loads the trained head {@code bundle} ({@code hark train}'s {@code .hark}) for this pipeline's embedder and
     * switches to it ({@link #switchHead(WindowClassifier, String)}); null switches back to the pipeline's own head.
     *
     * @throws dev.hark.errors.ModelException when the bundle is unreadable or was trained on other features
     */
    public void switchHead(Path bundle) {
        checkOpen();
        if (bundle == null) {
            switchHead(null, null);
            return;
        }
        TrainedHead t = TrainedHead.forEmbedder(bundle, models.embedder(), modelSpec);
        try {
            switchHead(t, bundle.toString());
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    /** The events settings a head switched to runs with: {@code base}'s, each of its labels tracked, no concepts. */
    public static EventSettings ownHeadEvents(EventSettings base) {
        return base.toBuilder().labels(List.of()).labelThresholds(Map.of()).rawLabels(false).concepts(Map.of())
                .build();
    }

    /** The name of the head switched to (as given to {@link #switchHead}), or null while the pipeline's own runs. */
    public String switchedHead() {
        return inForce.switchedName();
    }

    /** On the processing thread: a head waiting to be switched to takes over, the old one's events closed. */
    private void applyHeadChange() {
        HeadChange c = headChange.getAndSet(null);
        if (c == null) {
            return;
        }
        InForce old = inForce;
        analyzer.flush(); // windows waiting for a batch are scored by the head they were heard under
        reportSkipped(Long.MAX_VALUE);
        for (DetectionEvent e : old.tracker().closeAll(timeline.endSeconds())) {
            sink.onEvent(e);
        }
        List<String> names = c.concepts().names();
        EventTracker tracker = new EventTracker(names, java.util.stream.IntStream.range(0, names.size()).toArray(),
                c.concepts().thresholds(), c.concepts().onsets(), c.events());
        head.set(c.classifier());
        retune.set(null);
        inForce = new InForce(c.classifier(), c.name(), c.events(), c.ownLabels(), c.concepts(), tracker);
        thresholds = thresholdsInForce();
        if (old.classifier() != models.classifier()) {
            closeSwitched(old.classifier());
        }
    }

    private void closeSwitched(WindowClassifier c) {
        if (c != models.classifier() && c instanceof AutoCloseable a) {
            try {
                a.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing head " + c + ": " + e.getMessage(), e);
            }
        }
    }

    /** A head to switch to, with what will be tracked over it. */
    private record HeadChange(WindowClassifier classifier, String name, EventSettings events, boolean ownLabels,
            ConceptScorer concepts) {
        HeadChange(WindowClassifier classifier, String name, EventSettings events, boolean ownLabels) {
            this(classifier, name, events, ownLabels, null);
        }

        HeadChange withConcepts(ConceptScorer c) {
            return new HeadChange(classifier, name, events, ownLabels, c);
        }
    }

    /** The head in force and what is tracked over it (switchedName null: the pipeline's own head). */
    private record InForce(WindowClassifier classifier, String switchedName, EventSettings events, boolean ownLabels,
            ConceptScorer concepts, EventTracker tracker) {
    }

    /** New thresholds resolved against the head then in force (dropped if another head came in since). */
    private record Retune(InForce against, double[] thresholds) {
    }

    /** Each tracked name's threshold now in force, in column order; from any thread (a snapshot). */
    public Map<String, Double> thresholds() {
        return thresholds;
    }

    /** Each tracked name's onset rule, in column order (those of the head in force); from any thread. */
    public Map<String, dev.hark.config.OnsetRule> onsets() {
        InForce now = inForce;
        Map<String, dev.hark.config.OnsetRule> m = new LinkedHashMap<>();
        for (String c : now.concepts().names()) {
            m.put(c, now.tracker().onsetOf(c));
        }
        return Collections.unmodifiableMap(m);
    }

    private Map<String, Double> thresholdsInForce() {
        Map<String, Double> m = new LinkedHashMap<>();
        InForce now = inForce;
        for (String c : now.concepts().names()) {
            m.put(c, now.tracker().thresholdOf(c));
        }
        return Collections.unmodifiableMap(m);
    }

    /** The threshold now in force for a tracked label (NaN when not tracked); on the processing thread only. */
    double thresholdOf(String label) {
        return inForce.tracker().thresholdOf(label);
    }

    private void report(long index, double start, double end, boolean ran, boolean padded, float[] scores) {
        InForce now = inForce;
        Retune t = retune.getAndSet(null);
        if (t != null && t.against() == now) {
            now.tracker().retune(t.thresholds());
            thresholds = thresholdsInForce();
        }
        ConceptScorer concepts = now.concepts();
        WindowClassifier classifier = now.classifier();
        double offset = timeline.offsetSeconds();
        long startSample = Math.round(start * FrontEndParams.SAMPLE_RATE_HZ);
        long endSample = Math.round(end * FrontEndParams.SAMPLE_RATE_HZ);
        double dbfs = level.levelDbfs(startSample, endSample);
        float levelScore = LevelMeter.score(dbfs, level.floorDbfs(startSample, endSample));
        float[] conceptScores = concepts.score(scores, levelScore);
        WindowScores w = new WindowScores(index, start + offset, end + offset, ran, padded, classifier.labels(),
                scores, concepts.names(), conceptScores, dbfs);
        sink.onWindow(w);
        for (DetectionEvent e : now.tracker().update(w.startSeconds(), w.endSeconds(), conceptScores,
                i -> concepts.sources(i, scores))) {
            sink.onEvent(e);
        }
    }

    /**
     * Runs one window of silence through the front end, embedder and head and forgets it: the first model run of a
     * process is slower than the next ones (ONNX Runtime sets up its memory, the JIT has not compiled the front end
     * yet), and a live listener should not make its first sound wait for that. Changes no result; on the processing
     * thread.
     */
    public void warmUp() {
        checkOpen();
        WindowAnalyzer a = onsetAnalyzer != null ? onsetAnalyzer
                : WindowAnalyzer.builder(models.embedder()).classifier(head).batchSize(1).build();
        a.analyze(new float[OnsetWindows.WINDOW_SAMPLES]);
        // the front end alone on a few seconds more, fed the way a stream is: the JIT compiles all of the FFT while
        // it is busy, not piece by piece over minutes of a quiet room (an FFT step left to the interpreter there
        // cost the listener more than everything else it does; README "hark listen": CPU)
        StreamingLogMel warm = new StreamingLogMel(models.embedder().frontEnd(), (i, logMel) -> { });
        float[] quiet = new float[ActivityGate.FRAME_SAMPLES];
        for (int i = 0; i < WARM_UP_FRONT_END_SECONDS * FrontEndParams.SAMPLE_RATE_HZ / quiet.length; i++) {
            warm.accept(quiet, 0, quiet.length);
        }
    }

    /** Audio run through the front end alone by {@link #warmUp}. */
    static final int WARM_UP_FRONT_END_SECONDS = 20;

    /** The names tracked for events: concepts (or a trained head's labels, or raw labels), in column order. */
    public List<String> concepts() {
        return inForce.concepts().names();
    }

    /** The classifier's labels (the columns of every window's scores). */
    public List<String> labels() {
        return inForce.classifier().labels();
    }

    /** The embedding model's name. */
    public String modelName() {
        return models.embedder().name();
    }

    /** Seconds of 16 kHz audio processed so far. */
    public double processedSeconds() {
        return timeline.processedSeconds();
    }

    /** Share of the audio during which the gate was open (1 without a gate, 0 before any gate frame). */
    public double gateOpenFraction() {
        return gatedWindows == null ? 1.0 : gatedWindows.openFraction();
    }

    /**
     * How long the gate has been closed, up to the audio processed so far, in seconds: 0 while it is open, and always
     * without a gate ({@code off}: every window runs).
     */
    public double gateClosedSeconds() {
        return gatedWindows == null ? 0.0 : gatedWindows.closedFrames() * (double) ActivityGate.FRAME_SAMPLES
                / FrontEndParams.SAMPLE_RATE_HZ;
    }

    /** Releases the gate and the embedder it opened (not one it was given); idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                HeadChange waiting = headChange.getAndSet(null);
                if (waiting != null) {
                    closeSwitched(waiting.classifier());
                }
                closeSwitched(inForce.classifier());
            } finally {
                models.close();
            }
        }
    }
}
