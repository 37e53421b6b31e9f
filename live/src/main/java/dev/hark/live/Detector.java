package dev.hark.live;

import dev.hark.config.listen.EventSettings;
import dev.hark.config.listen.GateMode;
import dev.hark.config.listen.GateSettings;
import dev.hark.config.listen.ListenSettings;
import dev.hark.config.listen.OutputSettings;
import dev.hark.core.events.DetectionEvent;
import dev.hark.live.capture.AudioSource;
import dev.hark.live.capture.SourceFormat;
import dev.hark.models.embed.Embedder;
import dev.hark.models.head.WindowClassifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The live sound-event detector: a source (microphone, file), an activity gate, 0.96 s windows through the same
 * WindowAnalyzer as {@code hark classify}, and per-label events, reported to listeners.
 *
 * <pre>{@code
 * try (Detector d = Detector.builder().source(new MicrophoneSource(null)).build()) {
 *     d.onEvent(e -> System.out.println(e));
 *     d.start();
 *     Thread.sleep(60_000);
 *     d.stop();
 * }
 * }</pre>
 *
 * <p>One processing thread owns the models and calls the listeners, in stream order, from STARTED to STOPPED
 * (threads: {@link LiveRun}). The work on the audio is a {@link DetectionPipeline}, usable without threads for
 * audio you already have. Times are seconds of audio since start, jumping over audio dropped on overrun.
 */
public final class Detector implements AutoCloseable {
    private final AudioSource source;
    private final Builder options;
    private final ListenSettings settings;
    private final List<DetectionListener> listeners = new ArrayList<>();
    private final RunControl control = new RunControl();
    private volatile LiveRun run;
    private volatile DetectionPipeline pipeline;
    private volatile List<String> labels = List.of();
    private boolean started;
    private boolean closed;

    private Detector(Builder b, ListenSettings settings) {
        this.source = Objects.requireNonNull(b.source, "a Detector needs a source");
        this.options = b.copy();
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link Detector}; {@link #source} is required, everything else has a default. */
    public static final class Builder {
        private AudioSource source;
        private DetectionPipeline.Builder pipeline = DetectionPipeline.builder();
        private double statusIntervalSeconds;
        private boolean trimHeap;
        private Sleeper sleeper = Sleeper.THREAD;
        private Duration stopTimeout = Duration.ofSeconds(30);
        private LongSupplier nanoClock = System::nanoTime;

        private Builder() {
        }

        /** Where the audio comes from: {@code MicrophoneSource}, {@code FileSource}, {@code SampleSource}. */
        public Builder source(AudioSource source) {
            this.source = source;
            return this;
        }

        /** The embedding model to open: {@code yamnet} (default), {@code vggish} or an ONNX file. */
        public Builder model(String spec) {
            pipeline.model(spec);
            return this;
        }

        /** An embedder already open (the Detector then does not close it); overrides {@link #model}. */
        public Builder embedder(Embedder embedder) {
            pipeline.embedder(embedder);
            return this;
        }

        /** The head scoring each window; default the model's own AudioSet labels. */
        public Builder classifier(WindowClassifier classifier) {
            pipeline.classifier(classifier);
            return this;
        }

        /** A trained head ({@code .hark} bundle from {@code hark train}) for the model; overrides AudioSet labels. */
        public Builder classifierFile(Path bundle) {
            pipeline.classifierFile(bundle);
            return this;
        }

        public Builder gate(GateSettings gate) {
            pipeline.gate(gate);
            return this;
        }

        public Builder events(EventSettings events) {
            pipeline.events(events);
            return this;
        }

        /** Only these concepts (catalogue names, your own, or a trained head's labels); none: the default set. */
        public Builder concepts(String... names) {
            pipeline.concepts(names);
            return this;
        }

        /** Adds a concept of your own, or overrides a catalogue concept of the same name. */
        public Builder concept(dev.hark.config.concepts.ConceptDefinition concept) {
            pipeline.concept(concept);
            return this;
        }

        /** A concept's (or label's) own threshold, over the catalogue's. */
        public Builder threshold(String concept, double threshold) {
            pipeline.threshold(concept, threshold);
            return this;
        }

        /** Hop between windows in seconds (a multiple of 0.01; default 0.48). */
        public Builder hopSeconds(double hopSeconds) {
            pipeline.hopSeconds(hopSeconds);
            return this;
        }

        /** Model threads (default {@link dev.hark.config.ModelDefaults#THREADS}; 0: every core). */
        public Builder threads(int threads) {
            pipeline.threads(threads);
            return this;
        }

        /** Audio held between capture and processing before the oldest is dropped (default 2 s). */
        public Builder queueSeconds(double queueSeconds) {
            pipeline.settings.queueSeconds(queueSeconds);
            return this;
        }

        /** Stop by itself after this much audio (0: until stopped or the source ends). */
        public Builder durationSeconds(double durationSeconds) {
            pipeline.settings.durationSeconds(durationSeconds);
            return this;
        }

        /** Re-open a lost device with back-off (default true). */
        public Builder reconnect(boolean reconnect) {
            pipeline.settings.reconnect(reconnect);
            return this;
        }

        /** Seconds between periodic status reports (0, the default: none). */
        public Builder statusIntervalSeconds(double seconds) {
            this.statusIntervalSeconds = seconds;
            return this;
        }

        /** Windows per model run: default 1 for real-time sources, else 32; results are identical either way. */
        public Builder batchSize(int batchSize) {
            pipeline.batchSize(batchSize);
            return this;
        }

        /** A window where the gate opens, off the hop grid (default true): see {@link DetectionPipeline.Builder}. */
        public Builder onsetWindows(boolean onsetWindows) {
            pipeline.onsetWindows(onsetWindows);
            return this;
        }

        /** Keep the heap small with an occasional {@link System#gc()} ({@link HeapTrimmer}); off by default. */
        public Builder trimHeap(boolean trimHeap) {
            this.trimHeap = trimHeap;
            return this;
        }

        /** Takes every model, gate, event and timing setting from {@code s} (not the source). */
        public Builder settings(ListenSettings s) {
            pipeline.settings(s);
            statusIntervalSeconds = s.output().statusIntervalSeconds();
            return this;
        }

        /** For tests: back-off sleeper, stop()'s wait, the clock, an embedder closed with the models (or null). */
        Builder testHooks(Sleeper sleeper, Duration stopTimeout, LongSupplier nanoClock, Embedder closedWithDetector) {
            this.sleeper = Objects.requireNonNull(sleeper);
            this.stopTimeout = Objects.requireNonNull(stopTimeout);
            this.nanoClock = Objects.requireNonNull(nanoClock);
            if (closedWithDetector != null) {
                pipeline.embedder(closedWithDetector, true);
            }
            return this;
        }

        private Builder copy() {
            Builder b = new Builder().source(source).statusIntervalSeconds(statusIntervalSeconds).trimHeap(trimHeap);
            b.pipeline = pipeline.copy();
            return b.testHooks(sleeper, stopTimeout, nanoClock, null);
        }

        /** Checks every setting (a bad value names its setting, as in a config file); opens nothing yet. */
        public Detector build() {
            ListenSettings s = pipeline.settings.build();
            OutputSettings.builder().statusIntervalSeconds(statusIntervalSeconds).build();
            return new Detector(this, s);
        }
    }

    /** Registers a listener (before {@link #start()}); it is called on the processing thread only. */
    public Detector addListener(DetectionListener listener) {
        if (started) {
            throw new IllegalStateException("add listeners before start()");
        }
        listeners.add(Objects.requireNonNull(listener));
        return this;
    }

    /** Calls {@code action} with each onset and offset (before {@link #start()}): {@code d.onEvent(e -> ...)}. */
    public Detector onEvent(Consumer<? super DetectionEvent> action) {
        return addListener(DetectionListener.forEvents(action));
    }

    /** Calls {@code action} with each window, run or skipped by the gate (before {@link #start()}). */
    public Detector onWindow(Consumer<? super WindowScores> action) {
        return addListener(DetectionListener.forWindows(action));
    }

    /** Calls {@code action} with each status, from STARTED to STOPPED or FAILED (before {@link #start()}). */
    public Detector onStatus(Consumer<? super DetectorStatus> action) {
        return addListener(DetectionListener.forStatus(action));
    }

    /**
     * Opens the models and the source and starts listening; before any thread starts, throws
     * {@link dev.hark.errors.BadInputException} (no device, bad file, unknown label) or a ModelException.
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "detector closed" : "detector already started");
        }
        started = true;
        if (options.pipeline.batchSize == 0 && source.realtime()) {
            options.pipeline.batchSize(1); // lowest latency
        }
        DetectionPipeline pipeline = options.pipeline.build();
        this.pipeline = pipeline;
        SourceFormat format;
        try {
            format = source.open();
        } catch (RuntimeException e) {
            this.pipeline = null; // a start that failed leaves no pipeline behind: labels() and stats() as before
            pipeline.close();
            throw e;
        }
        labels = pipeline.labels();
        run = new LiveRun(source, format, pipeline, settings, control, listeners, options.statusIntervalSeconds,
                options.trimHeap ? new HeapTrimmer() : null, options.sleeper, options.nanoClock, stats());
        run.start();
    }

    /** Waits until the source ends or {@link #stop()} finished; rethrows a failure; false on timeout. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        boolean done = control.awaitFinished(timeout, unit);
        if (done) {
            control.rethrow();
        }
        return done;
    }

    /** Waits without a time limit; see {@link #await(long, TimeUnit)}. */
    public void await() throws InterruptedException {
        control.awaitFinished();
        control.rethrow();
    }

    /** Whether the detector has finished (source ended, stopped, or failed). */
    public boolean isFinished() {
        return control.isFinished();
    }

    /** Stops: queued audio processed, events closed, STOPPED sent; waits for that (30 s at most; not in a listener). */
    public void stop() {
        LiveRun r = run;
        if (r != null) {
            r.stop(options.stopTimeout);
        }
    }

    /** Totals so far (refreshed about every second while running; final once finished). */
    public DetectorStats stats() {
        LiveRun r = run;
        return r == null ? RunningStats.empty(settings.gate().mode() == GateMode.OFF) : r.stats();
    }

    /** The format obtained from the source, as last opened (null before start). */
    public SourceFormat sourceFormat() {
        LiveRun r = run;
        return r == null ? null : r.sourceFormat();
    }

    /**
     * Changes the thresholds while running (from any thread; in force from the next window on): the default and
     * per-label thresholds of {@code events}, whose other settings are ignored. Before {@link #start()} it sets
     * them for the start.
     *
     * @throws dev.hark.errors.BadInputException when a per-label threshold names no label of the classifier
     */
    public void setThresholds(EventSettings events) {
        DetectionPipeline p = pipeline;
        if (p != null) {
            p.retune(events);
        } else {
            EventSettings now = options.pipeline.settings.build().events();
            options.pipeline.events(now.toBuilder().threshold(events.threshold())
                    .labelThresholds(events.labelThresholds()).build());
        }
    }

    /** Each tracked name's threshold now in force, in the order of {@link #concepts()} (after start; empty before). */
    public java.util.Map<String, Double> thresholds() {
        DetectionPipeline p = pipeline;
        return p == null ? java.util.Map.of() : p.thresholds();
    }

    /** The labels of the classifier in force (after start). */
    public List<String> labels() {
        DetectionPipeline p = pipeline;
        return p == null ? labels : p.labels();
    }

    /**
     * Switches the live head to the trained bundle {@code bundle} while listening (from any thread; from the next
     * audio processed on, the events still open closed first): events are then raised for its labels; null
     * switches back to the head the detector started with. See {@link DetectionPipeline#switchHead(Path)}.
     *
     * @throws IllegalStateException before {@link #start()}
     * @throws dev.hark.errors.ModelException when the bundle cannot be read or was trained on other features
     */
    public void switchHead(java.nio.file.Path bundle) {
        DetectionPipeline p = pipeline;
        if (p == null) {
            throw new IllegalStateException("switch heads after start()");
        }
        p.switchHead(bundle);
    }

    /** The head switched to (its file), or null while the detector's own head runs. */
    public String switchedHead() {
        DetectionPipeline p = pipeline;
        return p == null ? null : p.switchedHead();
    }

    /** The names events are raised for: concepts, a trained head's labels, or raw labels (after start). */
    public List<String> concepts() {
        DetectionPipeline p = pipeline;
        return p == null ? List.of() : p.concepts();
    }

    /** Stops and releases the source; idempotent. The processing thread closes the models when it ends. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        source.close();
    }
}
