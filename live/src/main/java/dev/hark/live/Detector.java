package dev.hark.live;

import dev.hark.config.listen.EventSettings;
import dev.hark.config.listen.GateMode;
import dev.hark.config.listen.GateSettings;
import dev.hark.config.listen.ListenSettings;
import dev.hark.core.audio.Resampler;
import dev.hark.core.events.DetectionEvent;
import dev.hark.core.events.EventTracker;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.errors.BadInputException;
import dev.hark.errors.HarkException;
import dev.hark.live.capture.AudioChunk;
import dev.hark.live.capture.AudioSource;
import dev.hark.live.capture.DropOldestQueue;
import dev.hark.live.capture.SourceFormat;
import dev.hark.live.gate.ActivityGate;
import dev.hark.live.gate.EnergyGate;
import dev.hark.live.gate.GateTimeline;
import dev.hark.live.gate.WebRtcVad;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import dev.hark.models.head.AudioSetHead;
import dev.hark.models.head.WindowClassifier;
import dev.hark.models.pipeline.WindowAnalyzer;
import dev.hark.models.pipeline.WindowResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live sound-event detector as a library: a source (microphone, file), an activity gate, 0.96 s windows
 * through the same {@link WindowAnalyzer} as {@code hark classify}, and per-label events, reported to
 * {@link DetectionListener}s.
 *
 * <pre>{@code
 * try (Detector d = Detector.builder().source(new MicrophoneSource(null)).build()) {
 *     d.addListener(new DetectionListener() {
 *         public void onEvent(DetectionEvent e) { System.out.println(e); }
 *     });
 *     d.start();
 *     Thread.sleep(60_000);
 *     d.stop();
 * }
 * }</pre>
 *
 * <p>Threads: for a real-time source (microphone, real-time file) a capture thread only reads and enqueues
 * into a bounded queue ({@code queueSeconds}, oldest audio dropped and counted on overrun); one processing
 * thread owns the models and calls the listeners. A source that is not real-time (a file read as fast as
 * possible) is read by the processing thread itself, so nothing is dropped. With the gate closed for a whole
 * window, no model runs for it; a window during any part of which the gate was open is always run.
 *
 * <p>Times are seconds of audio since start (the timeline skips over dropped audio, so times stay aligned
 * with the real audio).
 */
public final class Detector implements AutoCloseable {
    /** Samples read per capture call: 50 ms at 16 kHz (at other rates scaled). */
    private static final double READ_SECONDS = 0.05;
    private static final long RECONNECT_FIRST_MS = 500;
    private static final long RECONNECT_MAX_MS = 10_000;
    private static final int WINDOW_SAMPLES = (FrontEndParams.PATCH_FRAMES - 1) * FrontEndParams.HOP_LENGTH_SAMPLES
            + FrontEndParams.WINDOW_LENGTH_SAMPLES;

    private final AudioSource source;
    private final String modelSpec;
    private final Embedder givenEmbedder;
    private final WindowClassifier givenClassifier;
    private final java.nio.file.Path classifierFile;
    private final GateSettings gateSettings;
    private final EventSettings eventSettings;
    private final int hopFrames;
    private final int threads;
    private final double queueSeconds;
    private final double durationSeconds;
    private final boolean reconnect;
    private final double statusIntervalSeconds;
    private final int batchSize;

    private final List<DetectionListener> listeners = new ArrayList<>();
    private final ConcurrentLinkedQueue<DetectorStatus.Kind> pendingKinds = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> pendingMessages = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();

    private Embedder embedder;
    private boolean ownsEmbedder;
    private WindowClassifier classifier;
    private WindowAnalyzer analyzer;
    private GateTimeline gate;
    private EventTracker tracker;
    private DropOldestQueue queue;
    private SourceFormat format;
    private Thread captureThread;
    private Thread processingThread;
    private volatile boolean stopRequested;
    private volatile boolean started;
    private boolean closed;

    // processing-thread state
    private Resampler resampler;
    private int resamplerRateHz = 16_000;
    private long samples16k;
    private long offsetSamples16k;
    private long lastDroppedSourceSamples;
    private final ArrayDeque<long[]> skipped = new ArrayDeque<>();
    private final Map<String, Integer> eventsPerLabel = new LinkedHashMap<>();
    private long windowsRun;
    private long windowsSkipped;
    private long lastStatusNanos;
    private long lastStatsNanos;
    private long startNanos;
    private long lastDropReportNanos;
    private volatile DetectorStats lastStats;
    private volatile long captureCpuNanos;
    private volatile int reconnects;
    private volatile long capturedSourceSamples;

    private Detector(Builder b) {
        this.source = Objects.requireNonNull(b.source, "a Detector needs a source");
        this.modelSpec = b.model;
        this.givenEmbedder = b.embedder;
        this.givenClassifier = b.classifier;
        this.classifierFile = b.classifierFile;
        this.gateSettings = b.gate;
        this.eventSettings = b.events;
        this.hopFrames = b.hopFrames;
        this.threads = b.threads;
        this.queueSeconds = b.queueSeconds;
        this.durationSeconds = b.durationSeconds;
        this.reconnect = b.reconnect;
        this.statusIntervalSeconds = b.statusIntervalSeconds;
        this.batchSize = b.batchSize;
        this.lastStats = new DetectorStats(0, 0, 0, 0, gateSettings.mode() == GateMode.OFF ? 1 : 0, Map.of(), 0, 0, 0,
                0);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link Detector}; {@link #source} is required, everything else has a default. */
    public static final class Builder {
        private AudioSource source;
        private String model = ListenSettings.DEFAULT_MODEL;
        private Embedder embedder;
        private WindowClassifier classifier;
        private java.nio.file.Path classifierFile;
        private GateSettings gate = GateSettings.defaults();
        private EventSettings events = EventSettings.defaults();
        private int hopFrames = (int) Math.rint(ListenSettings.DEFAULT_HOP_SECONDS * 100);
        private int threads = 1;
        private double queueSeconds = ListenSettings.DEFAULT_QUEUE_SECONDS;
        private double durationSeconds;
        private boolean reconnect = true;
        private double statusIntervalSeconds;
        private int batchSize;

        private Builder() {
        }

        /** Where the audio comes from: {@link MicrophoneSource}, {@link FileSource}, {@link SampleSource}. */
        public Builder source(AudioSource source) {
            this.source = source;
            return this;
        }

        /** The embedding model to open: {@code yamnet} (default), {@code vggish} or an ONNX file. */
        public Builder model(String spec) {
            this.model = Objects.requireNonNull(spec);
            return this;
        }

        /** An embedder already open (the Detector then does not close it); overrides {@link #model}. */
        public Builder embedder(Embedder embedder) {
            this.embedder = embedder;
            return this;
        }

        /** The head scoring each window; default the model's own AudioSet labels. */
        public Builder classifier(WindowClassifier classifier) {
            this.classifier = classifier;
            return this;
        }

        /** A trained head ({@code .hark} bundle from {@code hark train}) for the model; overrides AudioSet labels. */
        public Builder classifierFile(java.nio.file.Path bundle) {
            this.classifierFile = bundle;
            return this;
        }

        public Builder gate(GateSettings gate) {
            this.gate = Objects.requireNonNull(gate);
            return this;
        }

        public Builder events(EventSettings events) {
            this.events = Objects.requireNonNull(events);
            return this;
        }

        /** Hop between windows in seconds (a multiple of 0.01; default 0.48). */
        public Builder hopSeconds(double hopSeconds) {
            this.hopFrames = ListenSettings.fromMap(Map.of(ListenSettings.HOP, Double.toString(hopSeconds)))
                    .hopFrames();
            return this;
        }

        /** Model threads (default 1: a live listener should leave the machine free). */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder queueSeconds(double queueSeconds) {
            this.queueSeconds = queueSeconds;
            return this;
        }

        /** Stop by itself after this much audio (0: until stopped or the source ends). */
        public Builder durationSeconds(double durationSeconds) {
            this.durationSeconds = durationSeconds;
            return this;
        }

        public Builder reconnect(boolean reconnect) {
            this.reconnect = reconnect;
            return this;
        }

        /** Seconds between periodic status reports (0: none). */
        public Builder statusIntervalSeconds(double seconds) {
            this.statusIntervalSeconds = seconds;
            return this;
        }

        /**
         * Windows per model run: default 1 for real-time sources (lowest latency) and
         * {@link WindowAnalyzer#DEFAULT_BATCH_SIZE} otherwise; results are identical either way.
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Takes every model, gate, event and timing setting from {@code s} (not the source). */
        public Builder settings(ListenSettings s) {
            model = s.model();
            classifierFile = s.classifier();
            gate = s.gate();
            events = s.events();
            hopFrames = s.hopFrames();
            threads = s.threads();
            queueSeconds = s.queueSeconds();
            durationSeconds = s.durationSeconds();
            reconnect = s.reconnect();
            statusIntervalSeconds = s.output().statusIntervalSeconds();
            return this;
        }

        public Detector build() {
            // validate through the settings records so errors name the setting
            ListenSettings.fromMap(Map.of(ListenSettings.THREADS, Integer.toString(threads), ListenSettings.QUEUE,
                    Double.toString(queueSeconds), ListenSettings.DURATION, Double.toString(durationSeconds),
                    ListenSettings.STATUS_INTERVAL, Double.toString(statusIntervalSeconds)));
            if (batchSize < 0) {
                throw new BadInputException("bad batch size: " + batchSize);
            }
            return new Detector(this);
        }
    }

    /** Registers a listener (before {@link #start()}). */
    public Detector addListener(DetectionListener listener) {
        if (started) {
            throw new IllegalStateException("add listeners before start()");
        }
        listeners.add(Objects.requireNonNull(listener));
        return this;
    }

    /**
     * Opens the models and the source and starts listening. Problems that are the user's (no device, bad
     * file, unknown label) throw {@link BadInputException}, model problems {@link dev.hark.errors.ModelException},
     * before any thread starts.
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "detector closed" : "detector already started");
        }
        started = true;
        try {
            openModels();
            format = source.open();
        } catch (RuntimeException e) {
            releaseModels();
            throw e;
        }
        startNanos = System.nanoTime();
        lastStatusNanos = startNanos;
        status(DetectorStatus.Kind.STARTED, "listening: " + format.description() + "; model " + embedder.name()
                + ", hop " + hopFrames * 10 + " ms, gate " + gateSettings.mode().cliName());
        if (source.realtime()) {
            queue = new DropOldestQueue(Math.max(1, Math.round(queueSeconds * Math.max(16_000, format.sampleRateHz()))));
            captureThread = new Thread(this::captureLoop, "hark-capture");
            captureThread.setDaemon(true);
            captureThread.setPriority(Thread.MAX_PRIORITY);
        }
        processingThread = new Thread(this::processingLoop, "hark-processing");
        processingThread.setDaemon(true);
        processingThread.start();
        if (captureThread != null) {
            captureThread.start();
        }
    }

    private void openModels() {
        if (givenEmbedder != null) {
            embedder = givenEmbedder;
        } else {
            embedder = Embedders.open(modelSpec, threads);
            ownsEmbedder = true;
        }
        classifier = givenClassifier != null ? givenClassifier
                : classifierFile != null ? dev.hark.models.head.TrainedHead.forEmbedder(classifierFile, embedder,
                        modelSpec)
                : AudioSetHead.of(embedder);
        List<String> labels = classifier.labels();
        List<String> kept = LabelSelection.resolve(eventSettings.labels(), labels);
        LabelSelection.checkThresholds(eventSettings.labelThresholds(), labels);
        tracker = EventTracker.forLabels(labels, kept, eventSettings);
        if (gateSettings.mode() != GateMode.OFF) {
            List<ActivityGate> gates = new ArrayList<>();
            if (gateSettings.mode() == GateMode.ENERGY || gateSettings.mode() == GateMode.BOTH) {
                gates.add(new EnergyGate(gateSettings.energyThresholdDbfs(), gateSettings.noiseFloorMarginDb()));
            }
            if (gateSettings.mode() == GateMode.WEBRTC || gateSettings.mode() == GateMode.BOTH) {
                gates.add(new WebRtcVad(gateSettings.vadMode()));
            }
            gate = new GateTimeline(gates, gateSettings.hangoverMs());
        }
        int batch = batchSize > 0 ? batchSize : source.realtime() ? 1 : WindowAnalyzer.DEFAULT_BATCH_SIZE;
        WindowAnalyzer.Builder ab = WindowAnalyzer.builder(embedder).classifier(classifier).hopFrames(hopFrames)
                .batchSize(batch).listener(this::onWindowResult);
        if (gate != null) {
            ab.windowFilter(this::acceptWindow);
        }
        analyzer = ab.build();
    }

    // ---------------------------------------------------------------- capture thread

    private void captureLoop() {
        int rate = format.sampleRateHz();
        float[] buf = new float[(int) Math.ceil(rate * READ_SECONDS)];
        long position = 0;
        long limit = durationSeconds > 0 ? Math.round(durationSeconds * rate) : Long.MAX_VALUE;
        try {
            while (!stopRequested && position < limit) {
                int n;
                try {
                    n = source.read(buf, 0, (int) Math.min(buf.length, limit - position));
                } catch (IOException e) {
                    if (stopRequested) {
                        break;
                    }
                    if (!reconnect || !source.reconnectable()) {
                        throw new BadInputException(e.getMessage(), e);
                    }
                    SourceFormat f = reopen(e.getMessage());
                    if (f == null) {
                        break;
                    }
                    if (f.sampleRateHz() != rate) {
                        rate = f.sampleRateHz();
                        buf = new float[(int) Math.ceil(rate * READ_SECONDS)];
                        limit = durationSeconds > 0 ? position + Math.round((durationSeconds
                                - capturedSourceSeconds()) * rate) : Long.MAX_VALUE;
                    }
                    continue;
                }
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    continue;
                }
                queue.offer(new AudioChunk(position, java.util.Arrays.copyOf(buf, n), rate));
                position += n;
                capturedSourceSamples = position;
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            captureCpuNanos = mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : 0;
            queue.close();
        }
    }

    private double capturedSourceSeconds() {
        return capturedSourceSamples / (double) Math.max(1, format.sampleRateHz());
    }

    /** Re-opens a lost device with back-off; null when stopped meanwhile. */
    private SourceFormat reopen(String why) {
        source.close();
        postStatus(DetectorStatus.Kind.DEVICE_LOST, "audio device lost: " + why + "; reconnecting");
        long backoff = RECONNECT_FIRST_MS;
        while (!stopRequested) {
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            if (stopRequested) {
                return null;
            }
            try {
                SourceFormat f = source.open();
                reconnects++;
                postStatus(DetectorStatus.Kind.RECONNECTED, "audio device back: " + f.description());
                return f;
            } catch (HarkException e) {
                backoff = Math.min(RECONNECT_MAX_MS, backoff * 2);
                postStatus(DetectorStatus.Kind.RECONNECTING, String.format(Locale.ROOT,
                        "still no audio device (%s); next try in %.1f s", e.getMessage(), backoff / 1000.0));
            }
        }
        return null;
    }

    private void postStatus(DetectorStatus.Kind kind, String message) {
        pendingMessages.add(message);
        pendingKinds.add(kind);
    }

    // ---------------------------------------------------------------- processing thread

    private final HeapTrimmer heapTrimmer = new HeapTrimmer();

    private void processingLoop() {
        try {
            if (source.realtime()) {
                while (true) {
                    AudioChunk c = queue.poll(100, TimeUnit.MILLISECONDS);
                    deliverPendingStatus();
                    if (c == null) {
                        if (queue.isDrained()) {
                            break;
                        }
                        periodicStatus();
                        continue;
                    }
                    long dropped = queue.droppedSamples();
                    if (dropped > lastDroppedSourceSamples) {
                        long delta = dropped - lastDroppedSourceSamples;
                        lastDroppedSourceSamples = dropped;
                        noteDropped(delta, c.sampleRateHz());
                    }
                    process(c.samples(), c.sampleRateHz());
                    periodicStatus();
                }
            } else {
                float[] buf = new float[(int) Math.ceil(format.sampleRateHz() * READ_SECONDS) * 4];
                long limit = durationSeconds > 0 ? Math.round(durationSeconds * format.sampleRateHz())
                        : Long.MAX_VALUE;
                long position = 0;
                while (!stopRequested && position < limit) {
                    int n = source.read(buf, 0, (int) Math.min(buf.length, limit - position));
                    if (n < 0) {
                        break;
                    }
                    position += n;
                    process(java.util.Arrays.copyOf(buf, n), format.sampleRateHz());
                    periodicStatus();
                }
            }
            if (failure.get() == null) {
                finishStream();
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        } finally {
            try {
                source.close();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
            Throwable f = failure.get();
            lastStats = snapshot();
            deliverPendingStatus();
            if (f == null) {
                status(DetectorStatus.Kind.STOPPED, "stopped after " + String.format(Locale.ROOT, "%.1f s of audio",
                        lastStats.audioSeconds()));
            } else {
                status(DetectorStatus.Kind.FAILED, f.getMessage() == null ? f.toString() : f.getMessage());
            }
            finished.countDown();
        }
    }

    private void noteDropped(long sourceSamples, int rateHz) {
        long gap16k = Math.round(sourceSamples * 16_000.0 / rateHz);
        offsetSamples16k += gap16k;
        long now = System.nanoTime();
        if (now - lastDropReportNanos > 1_000_000_000L) {
            lastDropReportNanos = now;
            status(DetectorStatus.Kind.AUDIO_DROPPED, String.format(Locale.ROOT,
                    "processing fell behind: %.2f s of audio dropped so far", queue.droppedSamples() / (double) rateHz));
        }
    }

    private void process(float[] x, int rateHz) {
        float[] y = x;
        if (rateHz != 16_000) {
            if (resampler == null || resamplerRateHz != rateHz) {
                resampler = new Resampler(rateHz, 16_000);
                resamplerRateHz = rateHz;
            }
            y = resampler.process(x, 0, x.length);
        }
        accept16k(y);
    }

    private void accept16k(float[] y) {
        if (y.length == 0) {
            return;
        }
        long streamStart = samples16k + offsetSamples16k;
        for (DetectionListener l : listeners) {
            l.onAudio(streamStart, y, 0, y.length);
        }
        if (gate != null) {
            gate.accept(y, 0, y.length);
        }
        samples16k += y.length;
        analyzer.accept(y, 0, y.length);
    }

    /** The analyzer's window filter: run a window when the gate was open at any moment within it. */
    private boolean acceptWindow(long startFrame) {
        long startSample = startFrame * FrontEndParams.HOP_LENGTH_SAMPLES;
        boolean run = gate.openDuring(startSample, startSample + WINDOW_SAMPLES);
        if (!run) {
            skipped.addLast(new long[] {startFrame});
        }
        return run;
    }

    private void onWindowResult(WindowResult r) {
        long startFrame = Math.round(r.startSeconds() * 100.0);
        drainSkipped(startFrame);
        windowsRun++;
        emitWindow(r.index(), r.startSeconds(), r.endSeconds(), true, r.padded(), r.scores());
    }

    /** Reports the skipped windows that started before {@code beforeFrame}, in order. */
    private void drainSkipped(long beforeFrame) {
        while (!skipped.isEmpty() && skipped.peekFirst()[0] < beforeFrame) {
            long f = skipped.removeFirst()[0];
            double start = f * FrontEndParams.HOP_LENGTH_SAMPLES / 16_000.0;
            windowsSkipped++;
            emitWindow(f / analyzer.hopFrames(), start, start + WINDOW_SAMPLES / 16_000.0, false, false, null);
        }
    }

    private void emitWindow(long index, double start, double end, boolean ran, boolean padded, float[] scores) {
        double offset = offsetSamples16k / 16_000.0;
        WindowScores w = new WindowScores(index, start + offset, end + offset, ran, padded, classifier.labels(),
                scores);
        for (DetectionListener l : listeners) {
            l.onWindow(w);
        }
        for (DetectionEvent e : tracker.update(w.startSeconds(), w.endSeconds(), scores)) {
            emitEvent(e);
        }
    }

    private void emitEvent(DetectionEvent e) {
        if (e.type() == DetectionEvent.Type.ONSET) {
            eventsPerLabel.merge(e.label(), 1, Integer::sum);
        }
        for (DetectionListener l : listeners) {
            l.onEvent(e);
        }
    }

    private void finishStream() {
        if (resampler != null) {
            accept16k(resampler.flush());
        }
        if (samples16k > 0) {
            analyzer.finish();
        }
        drainSkipped(Long.MAX_VALUE);
        double end = (samples16k + offsetSamples16k) / 16_000.0;
        for (DetectionEvent e : tracker.closeAll(end)) {
            emitEvent(e);
        }
    }

    private void deliverPendingStatus() {
        DetectorStatus.Kind k;
        while ((k = pendingKinds.poll()) != null) {
            status(k, pendingMessages.poll());
        }
    }

    private void periodicStatus() {
        heapTrimmer.maybeTrim(samples16k / 16_000.0);
        long now = System.nanoTime();
        if (now - lastStatsNanos >= 1_000_000_000L) {
            lastStatsNanos = now;
            lastStats = snapshot();
        }
        if (statusIntervalSeconds <= 0) {
            return;
        }
        if (now - lastStatusNanos >= statusIntervalSeconds * 1e9) {
            lastStatusNanos = now;
            DetectorStats s = snapshot();
            status(DetectorStatus.Kind.PERIODIC, String.format(Locale.ROOT,
                    "%.1f s of audio, %d windows run, %d skipped (gate), %d events, %.2f s dropped, gate open %.0f%%",
                    s.audioSeconds(), s.windowsRun(), s.windowsSkipped(), s.events(), s.droppedSeconds(),
                    100 * s.gateOpenFraction()));
        }
    }

    private void status(DetectorStatus.Kind kind, String message) {
        if (kind != DetectorStatus.Kind.STARTED) {
            lastStats = snapshot();
        }
        DetectorStatus st = new DetectorStatus(kind, message, lastStats);
        for (DetectionListener l : listeners) {
            l.onStatus(st);
        }
    }

    private DetectorStats snapshot() {
        double dropped = queue == null ? 0 : queue.droppedSamples() / (double) Math.max(1, format.sampleRateHz());
        double open = gate == null ? 1.0 : gate.framesDecided() == 0 ? 0.0
                : gate.framesOpen() / (double) gate.framesDecided();
        boolean onProcessing = Thread.currentThread() == processingThread;
        double cpu = onProcessing && mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() / 1e9
                : lastStats == null ? 0 : lastStats.processingCpuSeconds();
        double captureCpu = captureThread == null ? 0 : captureThread.isAlive()
                ? Math.max(0, mx.getThreadCpuTime(captureThread.getId())) / 1e9 : captureCpuNanos / 1e9;
        return new DetectorStats(samples16k / 16_000.0, dropped, windowsRun, windowsSkipped, open,
                new LinkedHashMap<>(eventsPerLabel), cpu, captureCpu, (System.nanoTime() - startNanos) / 1e9,
                reconnects);
    }

    // ---------------------------------------------------------------- control

    /**
     * Waits until the source ends (end of file, duration reached) or {@link #stop()} finished; rethrows a
     * failure of the detector's threads.
     *
     * @return true when finished, false on timeout
     */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        boolean done = finished.await(timeout, unit);
        if (done) {
            rethrow();
        }
        return done;
    }

    /** Waits without a time limit; see {@link #await(long, TimeUnit)}. */
    public void await() throws InterruptedException {
        finished.await();
        rethrow();
    }

    private void rethrow() {
        Throwable f = failure.get();
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error er) {
            throw er;
        }
        if (f != null) {
            throw new IllegalStateException("detector failed: " + f, f);
        }
    }

    /** Whether the detector has finished (source ended, stopped, or failed). */
    public boolean isFinished() {
        return finished.getCount() == 0;
    }

    /**
     * Stops listening: capture ends, the audio already queued is processed, the last windows run, open
     * events are closed (their offsets reported) and the STOPPED status is sent. Blocks until done (a few
     * hundred ms); idempotent. Does not throw the detector's failure (see {@link #await}).
     */
    public void stop() {
        if (!started || processingThread == null) {
            return; // never started, or start() failed before any thread ran
        }
        stopRequested = true;
        try {
            if (captureThread != null) {
                captureThread.join(1000);
                if (captureThread.isAlive()) {
                    source.close(); // unblocks a read stuck on a dead device
                    captureThread.join(2000);
                }
            }
            finished.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Totals so far (refreshed about every second while running; final once finished). */
    public DetectorStats stats() {
        return lastStats;
    }

    /** The format obtained from the source (null before start). */
    public SourceFormat sourceFormat() {
        return format;
    }

    /** The labels of the classifier (after start). */
    public List<String> labels() {
        return classifier == null ? List.of() : classifier.labels();
    }

    /** Stops if running and releases the models and the source; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        source.close();
        releaseModels();
    }

    private void releaseModels() {
        if (processingThread != null && processingThread.isAlive()) {
            return; // never close a session a thread may still use
        }
        if (gate != null) {
            gate.close();
            gate = null;
        }
        if (ownsEmbedder && embedder != null) {
            embedder.close();
            embedder = null;
        }
    }
}
