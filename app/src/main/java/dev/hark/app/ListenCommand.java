package dev.hark.app;

import dev.hark.config.Bounds;
import dev.hark.config.listen.ListenSettings;
import dev.hark.config.listen.ListenSettingsFile;
import dev.hark.live.Detector;
import dev.hark.live.capture.Sources;
import dev.hark.live.record.ClipNames;
import dev.hark.live.record.EventRecorder;
import dev.hark.models.pipeline.TopK;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code hark listen}: the live listener. Options override the {@code --config} file; everything is validated
 * by {@link ListenSettings}. Ctrl-C (SIGINT), SIGTERM and SIGHUP stop cleanly: the detector closes open events and
 * the summary is printed, then the command returns normally (exit code 0).
 */
@Command(
        name = "listen",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Listen to a microphone (or a file) and report sound events with timestamps.",
            "Events go to stdout (one line each, flushed); status and the summary go to stderr.",
            "Exit codes: 0 done, 2 no microphone / bad device / bad file or option, 3 model problem."})
final class ListenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--device", paramLabel = "INDEX|NAME",
            description = "Capture device by index or (part of) its name, see 'hark devices' (default: system default).")
    String device;

    @Option(names = "--input", paramLabel = "FILE", description = "Listen to a sound file instead of a device.")
    Path input;

    @Option(names = "--realtime", negatable = true, description = "Feed --input at real-time pace (default: as fast as possible).")
    Boolean realtime;

    @Option(names = "--model", paramLabel = "MODEL", description = "yamnet (default), vggish or an .onnx file.")
    String model;

    @Option(names = "--classifier", paramLabel = "MODEL.hark",
            description = "A head trained with 'hark train' (default: the model's own AudioSet labels).")
    Path classifier;

    @Option(names = "--hop", paramLabel = "SECONDS", description = "Hop between 0.96 s windows (default 0.48).")
    String hop;

    @Option(names = "--gate", paramLabel = "MODE",
            description = "Activity gate: off, energy, webrtc, or both (default: energy OR WebRTC VAD).")
    String gate;

    @Option(names = "--vad-mode", paramLabel = "0-3", description = "WebRTC VAD aggressiveness (default 2).")
    String vadMode;

    @Option(names = "--energy-threshold", paramLabel = "DBFS", description = "Energy gate level (default -50 dBFS).")
    String energyThreshold;

    @Option(names = "--hangover", paramLabel = "MS", description = "Gate hangover in ms (default 300).")
    String hangover;

    @Option(names = "--labels", paramLabel = "A,B",
            description = "Only these concepts (or labels, with --raw-labels or --classifier; ';' separates names "
                    + "that contain commas); see 'hark labels'.")
    String labels;

    @Option(names = "--raw-labels", negatable = true,
            description = "Events per raw AudioSet label instead of per concept (default off).")
    Boolean rawLabels;

    @Option(names = "--threshold", paramLabel = "SCORE",
            description = "Score threshold of raw labels, trained heads' labels and concepts without their own "
                    + "(default 0.3; each catalogue concept has its own: see 'hark labels --concepts'; a config file sets "
                    + "them per concept).")
    String threshold;

    @Option(names = "--format", paramLabel = "FMT", description = "text (default) or jsonl.")
    String format;

    @Option(names = "--windows", negatable = true, description = "Also print every window's top scores.")
    Boolean windows;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5", description = "Labels per window line (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--record", paramLabel = "DIR", description = "Save each event as a WAV clip (1 s before onset) in DIR.")
    Path record;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this much audio (default: until Ctrl-C).")
    String duration;

    @Option(names = "--reconnect", negatable = true, description = "Retry a lost device with back-off (default on).")
    Boolean reconnect;

    @Option(names = "--status-interval", paramLabel = "SECONDS", description = "Status line every N s on stderr (default 30, 0 off).")
    String statusInterval;

    @Option(names = "--threads", paramLabel = "N", description = "Model threads (default 1).")
    String threads;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file (.properties, .yaml or .yml); options override it.")
    Path config;

    /** The options given, as settings keys (absent options leave the config file's value or the default). */
    Map<String, String> overrides() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, ListenSettings.DEVICE, device);
        put(m, ListenSettings.INPUT, input);
        put(m, ListenSettings.REALTIME, realtime);
        put(m, ListenSettings.MODEL, model);
        put(m, ListenSettings.CLASSIFIER, classifier);
        put(m, ListenSettings.HOP, hop);
        put(m, ListenSettings.GATE_MODE, gate);
        put(m, ListenSettings.VAD_MODE, vadMode);
        put(m, ListenSettings.ENERGY_THRESHOLD, energyThreshold);
        put(m, ListenSettings.GATE_HANGOVER, hangover);
        put(m, ListenSettings.LABELS, labels);
        put(m, ListenSettings.RAW_LABELS, rawLabels);
        put(m, ListenSettings.THRESHOLD, threshold);
        put(m, ListenSettings.FORMAT, format);
        put(m, ListenSettings.WINDOWS, windows);
        put(m, ListenSettings.RECORD_DIR, record);
        put(m, ListenSettings.DURATION, duration);
        put(m, ListenSettings.RECONNECT, reconnect);
        put(m, ListenSettings.STATUS_INTERVAL, statusInterval);
        put(m, ListenSettings.THREADS, threads);
        return m;
    }

    private static void put(Map<String, String> m, String key, Object value) {
        if (value != null) {
            m.put(key, value.toString());
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Bounds.check("--top", top, 1, TopK.MAX_K);
        ListenSettings s = ListenSettingsFile.load(config, overrides());
        if (s.input() != null && s.device() != null) { // said with the option names (Sources would name the keys)
            throw new dev.hark.errors.BadInputException("use either --device or --input, not both");
        }
        AtomicBoolean summarized = new AtomicBoolean();
        // as before the split: hark listen keeps its heap trimmed (the library leaves the heap to the JVM)
        try (Detector detector = Detector.builder().source(Sources.from(s)).settings(s).trimHeap(true).build()) {
            detector.addListener(new ListenOutput(out, err, s.output().format(), s.output().windows(), top,
                    s.events().labels()));
            if (s.output().recordDir() != null) {
                detector.addListener(new EventRecorder(s.output().recordDir(), s.output().preRollSeconds(),
                        w -> {
                            err.println("hark listen: " + w);
                            err.flush();
                        }, s.input() != null ? ClipNames.STREAM_TIME : ClipNames.WALL_CLOCK));
            }
            detector.start();
            // SIGINT / SIGTERM / SIGHUP stop the detector BEFORE the JVM shuts down: a shutdown hook would race
            // ONNX Runtime's own hook, which releases the native environment under a running inference
            List<SignalTrap> traps = SignalTrap.onStop(() -> new Thread(detector::stop, "hark-listen-stop").start(),
                    "INT", "TERM", "HUP");
            try {
                detector.await();
            } finally {
                traps.forEach(SignalTrap::restore);
            }
            summarize(detector, err, summarized);
        }
        return ExitCodes.OK;
    }

    private static void summarize(Detector d, PrintWriter err, AtomicBoolean done) {
        if (done.compareAndSet(false, true)) {
            err.println("hark listen: " + ListenOutput.summary(d.stats()));
            err.flush();
        }
    }
}
