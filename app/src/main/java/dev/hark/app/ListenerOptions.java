package dev.hark.app;

import dev.hark.config.listen.ListenSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The live listener's options, shared by {@code hark listen} and {@code hark serve} (a picocli mixin): each sets one
 * key of {@link ListenSettings}, so both commands take the same options with the same meaning, over the same config
 * file sections.
 */
final class ListenerOptions {
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

    @Option(names = "--format", paramLabel = "FMT", description = "Events on stdout as text (default) or jsonl.")
    String format;

    @Option(names = "--windows", negatable = true, description = "Also print every window's top scores.")
    Boolean windows;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this much audio (default: until stopped).")
    String duration;

    @Option(names = "--reconnect", negatable = true, description = "Retry a lost device with back-off (default on).")
    Boolean reconnect;

    @Option(names = "--status-interval", paramLabel = "SECONDS", description = "Status line every N s on stderr (default 30, 0 off).")
    String statusInterval;

    @Option(names = "--threads", paramLabel = "N", description = "Model threads (default 1).")
    String threads;

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
        put(m, ListenSettings.DURATION, duration);
        put(m, ListenSettings.RECONNECT, reconnect);
        put(m, ListenSettings.STATUS_INTERVAL, statusInterval);
        put(m, ListenSettings.THREADS, threads);
        return m;
    }

    static void put(Map<String, String> m, String key, Object value) {
        if (value != null) {
            m.put(key, value.toString());
        }
    }
}
