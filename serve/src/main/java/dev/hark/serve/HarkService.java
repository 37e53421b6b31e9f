package dev.hark.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.config.listen.ListenSettings;
import dev.hark.core.dataset.DatasetFolder;
import dev.hark.errors.BadInputException;
import dev.hark.live.DetectionListener;
import dev.hark.live.Detector;
import dev.hark.live.DetectorStats;
import dev.hark.live.ListenerFanOut;
import dev.hark.live.capture.AudioSource;
import dev.hark.live.capture.Sources;
import dev.hark.live.teach.StreamTap;
import dev.hark.serve.clips.ClipFiles;
import dev.hark.serve.clips.ClipRecorder;
import dev.hark.serve.clips.ClipWriter;
import dev.hark.serve.config.ServeConfig;
import dev.hark.serve.config.Tuning;
import dev.hark.serve.dashboard.FrameFeed;
import dev.hark.serve.http.ApiServer;
import dev.hark.serve.http.ServiceApi;
import dev.hark.serve.mqtt.MqttPublisher;
import dev.hark.serve.mqtt.MqttSettings;
import dev.hark.serve.sink.Deferred;
import dev.hark.serve.sink.EventHub;
import dev.hark.serve.sink.Json;
import dev.hark.serve.store.EventStore;
import dev.hark.serve.store.StoreWriter;
import dev.hark.serve.store.StoredEvent;
import dev.hark.serve.teach.Teaching;
import dev.hark.serve.webhook.WebhookSettings;
import dev.hark.serve.webhook.Webhooks;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code hark serve}: the live {@link Detector} with its outputs: every event in the {@link EventStore}, its clip
 * kept under the retention policy, the HTTP API with the live stream, and any further listeners (stdout, MQTT,
 * webhooks) added before {@link #start()}. The watch list applies to every output.
 *
 * <pre>{@code
 * try (HarkService s = HarkService.builder(ServeConfig.load(Path.of("hark.yaml"), Map.of(), Map.of())).build()) {
 *     s.start();
 *     s.await();
 * }
 * }</pre>
 */
public final class HarkService implements ServiceApi, AutoCloseable {
    private static final int NOTICES_KEPT = 20;
    /** The file the page's training writes, beside the database. */
    public static final String TAUGHT_FILE_NAME = "taught.hark";
    /** The names of the heads {@link #switchHead} switches between. */
    public static final String DEFAULT_HEAD = "default";
    public static final String TAUGHT_HEAD = "taught";
    private final ServeConfig config;
    private final Consumer<String> log;
    private final EventStore store;
    private final StoreWriter storeWriter;
    private final ClipWriter clipWriter;
    private final ClipRecorder clipRecorder;
    private final EventHub hub = new EventHub(1024);
    private final Detector detector;
    private final List<DetectionListener> outputs = new ArrayList<>();
    private final WatchFilter watch;
    private final ServiceSink sink;
    private final Path tuningFile;
    private final ApiServer api;
    private final String device;
    private final MqttSettings mqttSettings;
    private final Deferred mqttOut;
    private final Webhooks webhooks;
    private MqttPublisher mqtt;
    private final Deque<String> notices = new ArrayDeque<>();
    private final long startNanos = System.nanoTime();
    private volatile Tuning tuning;
    private final Teaching teaching;
    /** The thresholds of the taught head while it is live (not persisted: the tuning file is the default head's). */
    private volatile Tuning taughtTuning;
    private int port;
    private boolean started;
    private boolean closed;

    /** Options of a {@link HarkService}. */
    public static final class Builder {
        private final ServeConfig config;
        private Consumer<String> log = m -> { };
        private ClipFiles clipFiles = ClipFiles.DISK;
        private boolean trimHeap;
        private AudioSource source;

        private Builder(ServeConfig config) {
            this.config = config;
        }

        /** Receives the service's status lines (store locked, clip saving stopped, ...). */
        public Builder log(Consumer<String> log) {
            this.log = log;
            return this;
        }

        /** Where clips are written (tests: a disk that fills up). */
        public Builder clipFiles(ClipFiles files) {
            this.clipFiles = files;
            return this;
        }

        /** Keep the heap small with an occasional System.gc() (as {@code hark listen} does). */
        public Builder trimHeap(boolean trim) {
            this.trimHeap = trim;
            return this;
        }

        /** Listens to {@code source} instead of the configuration's device or file (a virtual microphone). */
        public Builder source(AudioSource source) {
            this.source = source;
            return this;
        }

        /** Opens the store and checks the clip directory; opens no model and no device yet. */
        public HarkService build() {
            return new HarkService(this);
        }
    }

    public static Builder builder(ServeConfig config) {
        return new Builder(config);
    }

    private HarkService(Builder b) {
        this.config = b.config;
        this.log = m -> {
            synchronized (notices) {
                notices.addLast(java.time.Instant.now() + " " + m);
                while (notices.size() > NOTICES_KEPT) {
                    notices.removeFirst();
                }
            }
            ObjectNode o = Json.object();
            o.put("kind", "service");
            o.put("message", m);
            hub.publish("status", Json.write(o));
            b.log.accept(m);
        };
        ListenSettings ls = config.listen();
        this.device = ls.input() != null ? "file " + ls.input() : ls.device() != null ? "device " + ls.device()
                : "default device";
        this.store = EventStore.open(config.store().path(), config.store().busyTimeoutMs());
        try {
            this.tuningFile = config.store().path().toAbsolutePath().resolveSibling(Tuning.FILE_NAME);
            this.tuning = Tuning.load(tuningFile, Tuning.of(ls.events()));
            this.storeWriter = new StoreWriter(store, 10_000, log);
            if (config.clips().enabled()) {
                this.clipWriter = new ClipWriter(config.clips(), b.clipFiles, storeWriter, log);
                this.clipRecorder = new ClipRecorder(clipWriter, config.clips().preRollSeconds(),
                        config.clips().noSpeech(), config.clips().speechThreshold());
            } else {
                this.clipWriter = null;
                this.clipRecorder = null;
            }
            ListenSettings tuned = ls.toBuilder().events(tuning.applyTo(ls.events())).build();
            this.detector = Detector.builder().source(b.source != null ? b.source : Sources.from(tuned)).settings(tuned).trimHeap(b.trimHeap)
                    .build();
            this.sink = new ServiceSink(storeWriter, clipRecorder, hub, device, store.maxId(), System::currentTimeMillis);
            outputs.add(sink);
            outputs.add(new FrameFeed(hub));
            StreamTap tap = new StreamTap();
            outputs.add(tap);
            Path db = config.store().path();
            this.teaching = new Teaching(config.dataset().dir(), db.getParent() == null ? Path.of(TAUGHT_FILE_NAME)
                    : db.resolveSibling(TAUGHT_FILE_NAME), ls.model(), ls.gate(), tap, log);
            Object mq = config.output(MqttSettings.SECTION);
            this.mqttSettings = mq == null ? null : MqttSettings.fromMap(mq);
            this.mqttOut = mqttSettings == null ? null : new Deferred();
            if (mqttOut != null) {
                outputs.add(mqttOut);
            }
            Object wh = config.output(WebhookSettings.SECTION);
            this.webhooks = wh == null ? null : new Webhooks(WebhookSettings.fromList(wh), device, log);
            if (webhooks != null) {
                outputs.add(webhooks);
            }
            this.watch = new WatchFilter(tuning.watch());
            this.api = config.http().enabled() ? new ApiServer(this, config.http()) : null;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Adds an output (before {@link #start()}): it gets the watched events, every window, the audio and status. */
    public HarkService addListener(DetectionListener l) {
        if (started) {
            throw new IllegalStateException("add listeners before start()");
        }
        outputs.add(l);
        return this;
    }

    /** Starts the API, then listening ({@link #startApi()}, {@link #startListening()}). */
    public synchronized void start() {
        startApi();
        startListening();
    }

    /** Starts the API alone (a client may connect to the stream before the first sound); idempotent. */
    public synchronized void startApi() {
        if (api != null && port == 0) {
            port = api.start();
        }
    }

    /**
     * Opens the models and the source and starts listening; throws BadInputException / ModelException on a problem
     * (the API is then stopped too).
     */
    public synchronized void startListening() {
        started = true;
        try {
            detector.addListener(watch.feeding(new ListenerFanOut(outputs)));
            if (webhooks != null) {
                webhooks.start();
            }
            detector.start();
            if (mqttSettings != null) { // announces the concepts the detector tracks, known once it has started
                List<String> watched = tuning.watch();
                mqtt = MqttPublisher.builder(mqttSettings)
                        .concepts(watched.isEmpty() ? detector.concepts() : watched).status(log).build();
                mqtt.start();
                mqttOut.attach(mqtt);
            }
            for (String c : tuning.watch()) {
                checkConcept(c);
            }
            if (config.clips().noSpeech() && clipRecorder != null && !detector.labels().contains("Speech")) {
                throw new BadInputException("clips.no-speech needs a classifier with a Speech label (the model's "
                        + "AudioSet labels have one)");
            }
        } catch (RuntimeException e) {
            detector.close();
            if (api != null) {
                api.close();
            }
            throw e;
        }
    }

    private void checkConcept(String c) {
        if (!detector.labels().contains(c) && !detector.concepts().contains(c)) {
            throw new BadInputException("unknown concept '" + c + "' in the watch list (see them with "
                    + "'hark labels')");
        }
    }

    /** The API's port (after start; 0 without the API). */
    public int port() {
        return port;
    }

    /** Waits until the detector finishes (the input ended, {@link #stop()}, or a failure, rethrown). */
    public void await() throws InterruptedException {
        detector.await();
    }

    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return detector.await(timeout, unit);
    }

    /** Stops listening (open events are closed and stored); the API stays up until {@link #close()}. */
    public void stop() {
        detector.stop();
    }

    public Detector detector() {
        return detector;
    }

    /** Events handed to the store since start. */
    public long eventsSinceStart() {
        return sink.onsets();
    }

    @Override
    public EventStore store() {
        return store;
    }

    @Override
    public EventHub hub() {
        return hub;
    }

    @Override
    public Path clipDir() {
        return config.clips().dir();
    }

    @Override
    public ObjectNode concepts() {
        ObjectNode o = Json.object();
        java.util.Map<String, Double> th = detector.thresholds();
        List<String> watched = tuning.watch();
        var a = o.putArray("concepts");
        for (String c : detector.concepts()) {
            ObjectNode n = a.addObject();
            n.put("name", c);
            Double t = th.get(c);
            Json.put(n, "threshold", t == null ? Double.NaN : t);
            n.put("watched", watched.isEmpty() || watched.contains(c));
        }
        return o;
    }

    @Override
    public ObjectNode tuning() {
        Tuning t = taughtTuning;
        return (t != null ? t : tuning).toJson();
    }

    @Override
    public synchronized ObjectNode retune(JsonNode patch) {
        if (taughtTuning != null) { // the taught head's thresholds, for as long as it is live
            Tuning next = taughtTuning.patch(patch);
            java.util.Map<String, Double> own = new java.util.LinkedHashMap<>(next.thresholds());
            own.keySet().retainAll(detector.concepts());
            next = new Tuning(next.threshold(), own, List.of());
            detector.setThresholds(next.applyTo(taughtEvents()));
            taughtTuning = next;
            return next.toJson();
        }
        Tuning next = tuning.patch(patch);
        for (String c : next.watch()) {
            checkConcept(c);
        }
        detector.setThresholds(next.applyTo(config.listen().events()));
        watch.watch(next.watch());
        next.save(tuningFile);
        tuning = next;
        return tuning.toJson();
    }

    private dev.hark.config.listen.EventSettings taughtEvents() {
        return dev.hark.live.DetectionPipeline.ownHeadEvents(config.listen().events());
    }

    @Override
    public Teaching teaching() {
        return teaching;
    }

    /**
     * Switches the live head: {@value #TAUGHT_HEAD} (the bundle the page trained, {@link Teaching#bundle()}) or
     * {@value #DEFAULT_HEAD} (the head the service started with, its concepts and tuning). The detector keeps
     * running; the events still open are closed, and the next come from the new head. Returns {@link #head()}.
     */
    @Override
    public synchronized ObjectNode switchHead(String which) {
        if (!started || detector.isFinished()) {
            throw new BadInputException("the detector is not running: there is no live head to switch");
        }
        if (TAUGHT_HEAD.equals(which)) {
            Path file = teaching.bundle();
            if (!Files.isRegularFile(file)) {
                throw new BadInputException("no taught head yet: train one first (" + file + " is missing)");
            }
            detector.switchHead(file);
            awaitHead(file.toString());
            taughtTuning = Tuning.of(taughtEvents());
            watch.watch(List.of());
            log.accept("live head: " + file + " (taught)");
        } else if (DEFAULT_HEAD.equals(which)) {
            detector.switchHead(null);
            awaitHead(null);
            taughtTuning = null;
            detector.setThresholds(tuning.applyTo(config.listen().events()));
            watch.watch(tuning.watch());
            log.accept("live head: the default (" + config.listen().model() + ")");
        } else {
            throw new BadInputException("bad value for head: expected \"" + TAUGHT_HEAD + "\" or \""
                    + DEFAULT_HEAD + "\"");
        }
        return head();
    }

    /** Waits (2 s at most) until the processing thread has taken the head {@code name} (null: the default) on. */
    private void awaitHead(String name) {
        long end = System.nanoTime() + 2_000_000_000L;
        while (!java.util.Objects.equals(detector.switchedHead(), name) && System.nanoTime() < end
                && !detector.isFinished()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Which head is live ({@value #DEFAULT_HEAD} or {@value #TAUGHT_HEAD}), its file, and what it raises. */
    @Override
    public ObjectNode head() {
        ObjectNode o = Json.object();
        String switched = detector.switchedHead();
        boolean taught = switched != null || taughtTuning != null;
        o.put("live", taught ? TAUGHT_HEAD : DEFAULT_HEAD);
        o.put("file", taught ? teaching.bundle().toString()
                : config.listen().classifier() == null ? null : config.listen().classifier().toString());
        o.put("model", config.listen().model());
        detector.concepts().forEach(o.putArray("concepts")::add);
        return o;
    }

    @Override
    public Path mark(long id, boolean right) {
        StoredEvent e = store.get(id).orElseThrow(() -> new BadInputException("no event " + id));
        return file(e, right ? e.concept() : null, right ? "right" : "wrong");
    }

    @Override
    public Path relabel(long id, String label) {
        StoredEvent e = store.get(id).orElseThrow(() -> new BadInputException("no event " + id));
        if (label == null || label.isBlank()) {
            throw new BadInputException("a relabel needs a label: {\"verdict\": \"relabel\", \"label\": \"NAME\"}");
        }
        return file(e, label.strip(), "relabel:" + label.strip());
    }

    /** Files event {@code e}'s clip into the data set under {@code label} (null: the negatives), records {@code verdict}. */
    private Path file(StoredEvent e, String label, String verdict) {
        long id = e.id();
        if (e.clipPath() == null || !Files.isRegularFile(Path.of(e.clipPath()))) {
            throw new BadInputException("event " + id + " has no clip to file");
        }
        // the same filing as hark feedback: the label's folder, or the negatives (no label)
        Path target = new DatasetFolder(config.dataset().dir()).file(Path.of(e.clipPath()), label).file();
        storeWriter.submit(s -> s.setVerdict(id, verdict), null);
        return target;
    }

    @Override
    public ObjectNode status() {
        DetectorStats st = detector.stats();
        ObjectNode o = Json.object();
        o.put("device", device);
        o.put("format", detector.sourceFormat() == null ? null : detector.sourceFormat().description());
        o.put("model", config.listen().model());
        o.set("head", head());
        ObjectNode gate = o.putObject("gate");
        gate.put("mode", config.listen().gate().mode().cliName());
        Json.put(gate, "open_fraction", st.gateOpenFraction());
        ObjectNode cpu = o.putObject("cpu");
        Json.put(cpu, "processing_seconds", st.processingCpuSeconds());
        Json.put(cpu, "capture_seconds", st.captureCpuSeconds());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            Json.put(cpu, "process_load", os.getProcessCpuLoad());
        }
        Json.put(o, "audio_seconds", st.audioSeconds());
        Json.put(o, "dropped_audio_seconds", st.droppedSeconds());
        o.put("windows_run", st.windowsRun());
        o.put("windows_skipped", st.windowsSkipped());
        o.put("reconnects", st.reconnects());
        Json.put(o, "uptime_seconds", (System.nanoTime() - startNanos) / 1e9);
        o.put("running", !detector.isFinished());
        ObjectNode ev = o.putObject("events");
        ev.put("since_start", sink.onsets());
        ev.put("stored", store.count());
        ObjectNode s = o.putObject("store");
        s.put("path", store.path().toString());
        s.put("locked", storeWriter.locked());
        s.put("pending_writes", storeWriter.pending());
        s.put("dropped_writes", storeWriter.dropped());
        s.put("failed_writes", storeWriter.failed());
        ObjectNode c = o.putObject("clips");
        c.put("enabled", clipWriter != null);
        if (clipWriter != null) {
            c.put("dir", clipWriter.dir().toString());
            c.put("saving", clipWriter.problem() == null);
            c.put("problem", clipWriter.problem());
            c.put("saved", clipWriter.saved());
            c.put("failed", clipWriter.failed());
            c.put("deleted_by_retention", clipWriter.deleted());
            c.put("withheld_for_speech", clipRecorder.withheldForSpeech());
        }
        ObjectNode stream = o.putObject("stream");
        stream.put("clients", hub.subscribers());
        stream.put("dropped_messages", hub.dropped());
        synchronized (notices) {
            notices.forEach(o.putArray("notices")::add);
        }
        return o;
    }

    /** Stops the detector, saves what is queued (events, clips), stops the API, closes the store; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            teaching.close();
            detector.close();
        } finally {
            if (mqtt != null) {
                mqtt.close();
            }
            if (webhooks != null) {
                webhooks.close();
            }
            if (clipWriter != null) {
                clipWriter.close();
            }
            storeWriter.close();
            if (api != null) {
                api.close();
            }
            store.close();
        }
    }

    /** The API server (null when disabled). */
    public ApiServer api() {
        return api;
    }
}
