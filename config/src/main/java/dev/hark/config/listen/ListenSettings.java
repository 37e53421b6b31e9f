package dev.hark.config.listen;

import dev.hark.config.HopSeconds;
import dev.hark.config.ModelDefaults;
import dev.hark.errors.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything {@code hark listen} (and the Detector library API) can be told, with defaults.
 * Its file form is a flat map of dotted keys ({@link #KEYS}, plus {@code events.thresholds.LABEL});
 * {@link #fromMap} parses it, {@link #toMap} writes it back, so a config file and command-line overrides
 * go through one parser and every error names the key and the bad value. In code, {@link #builder()} (and the
 * sections' own builders) set values by name; they are checked by the same constructors as the file form's.
 *
 * @param device capture device index or (part of its) name; null for the system default
 * @param input a sound file to listen to instead of a device; null for a device
 * @param realtime feed {@code input} at real-time pace (else as fast as possible)
 * @param reconnect retry a lost or busy device with back-off
 * @param durationSeconds stop after this much audio (0: run until stopped)
 * @param queueSeconds audio buffered between capture and processing before the oldest is dropped
 * @param model embedding model spec ({@code yamnet}, {@code vggish} or a model file)
 * @param classifier a trained head ({@code .hark} bundle); null for the model's own AudioSet labels
 * @param hopSeconds hop between the 0.96 s windows (a multiple of 0.01 s)
 * @param threads model threads (0: every core; default {@link ModelDefaults#THREADS})
 */
public record ListenSettings(String device, Path input, boolean realtime, boolean reconnect, double durationSeconds,
        double queueSeconds, String model, Path classifier, double hopSeconds, int threads, GateSettings gate,
        EventSettings events, OutputSettings output) {
    public static final double DEFAULT_HOP_SECONDS = 0.48;
    public static final double DEFAULT_QUEUE_SECONDS = 2.0;
    /** Prefix of the per-label threshold keys: {@code events.thresholds.Dog = 0.4}. */
    public static final String THRESHOLD_PREFIX = "events.thresholds.";
    /** Prefix of the per-name onset rules, {@code events.onsets.NAME = K/N}. */
    public static final String ONSETS_PREFIX = "events.onsets.";

    public static final String DEVICE = "source.device";
    public static final String INPUT = "source.input";
    public static final String REALTIME = "source.realtime";
    public static final String RECONNECT = "source.reconnect";
    public static final String DURATION = "source.duration-seconds";
    public static final String QUEUE = "source.queue-seconds";
    public static final String MODEL = "model.name";
    public static final String CLASSIFIER = "model.classifier";
    public static final String HOP = "model.hop-seconds";
    public static final String THREADS = "model.threads";
    public static final String GATE_MODE = "gate.mode";
    public static final String VAD_MODE = "gate.vad-mode";
    public static final String ENERGY_THRESHOLD = "gate.energy-threshold-dbfs";
    public static final String NOISE_MARGIN = "gate.noise-floor-margin-db";
    public static final String GATE_HANGOVER = "gate.hangover-ms";
    public static final String THRESHOLD = "events.threshold";
    public static final String LABELS = "events.labels";
    public static final String ONSET_WINDOWS = "events.onset-windows";
    public static final String ONSET_OF = "events.onset-of";
    public static final String OFFSET_HANGOVER = "events.offset-hangover-seconds";
    public static final String MIN_DURATION = "events.min-duration-seconds";
    public static final String COOLDOWN = "events.cooldown-seconds";
    /** Events per raw model label instead of per concept. */
    public static final String RAW_LABELS = "events.raw-labels";
    public static final String FORMAT = "output.format";
    public static final String WINDOWS = "output.windows";
    public static final String RECORD_DIR = "output.record-dir";
    public static final String PRE_ROLL = "output.pre-roll-seconds";
    public static final String STATUS_INTERVAL = "output.status-interval-seconds";

    /** Every fixed key of the file form (per-label thresholds and {@code concepts.NAME.FIELD} keys come on top). */
    public static final Set<String> KEYS = Set.of(DEVICE, INPUT, REALTIME, RECONNECT, DURATION, QUEUE, MODEL,
            CLASSIFIER, HOP, THREADS, GATE_MODE, VAD_MODE, ENERGY_THRESHOLD, NOISE_MARGIN, GATE_HANGOVER, THRESHOLD,
            LABELS, ONSET_WINDOWS, ONSET_OF, OFFSET_HANGOVER, MIN_DURATION, COOLDOWN, RAW_LABELS, FORMAT, WINDOWS, RECORD_DIR,
            PRE_ROLL, STATUS_INTERVAL);

    public ListenSettings {
        if (device != null && device.isBlank()) {
            device = null;
        }
        Check.range(DURATION, durationSeconds, 0.0, 1e9);
        Check.range(QUEUE, queueSeconds, 0.1, 600.0);
        if (model == null || model.isBlank()) {
            throw new BadInputException("bad value for " + MODEL + ": empty");
        }
        HopSeconds.toFrames(HOP, hopSeconds, HopSeconds.MAX_WINDOW_HOP_SECONDS);
        ModelDefaults.checkThreads(THREADS, threads);
        if (gate == null || events == null || output == null) {
            throw new BadInputException("settings: gate, events and output settings are required");
        }
    }

    /** The hop in 10 ms front-end frames. */
    public int hopFrames() {
        return (int) Math.rint(hopSeconds * 100.0);
    }

    public static ListenSettings defaults() {
        return fromMap(Map.of());
    }

    /** Parses the file form; absent keys take their defaults; unknown keys and bad values are rejected. */
    public static ListenSettings fromMap(Map<String, String> map) {
        return ListenSettingsMap.parse(map);
    }

    /** A builder starting from the defaults; {@link Builder#build()} validates (the same checks as the file form). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder().device(device).input(input).realtime(realtime).reconnect(reconnect)
                .durationSeconds(durationSeconds).queueSeconds(queueSeconds).model(model).classifier(classifier)
                .hopSeconds(hopSeconds).threads(threads).gate(gate).events(events).output(output);
    }

    /**
     * Listener settings by name: {@code ListenSettings.builder().hopSeconds(0.96).gate(GateSettings.defaults()
     * .withMode(GateMode.OFF)).build()}. {@link #build()} checks every value through the record's constructor,
     * which the file form ({@link #fromMap}) goes through too: a bad value names its key and the value.
     */
    public static final class Builder {
        private String device;
        private Path input;
        private boolean realtime;
        private boolean reconnect = true;
        private double durationSeconds;
        private double queueSeconds = DEFAULT_QUEUE_SECONDS;
        private String model = ModelDefaults.MODEL;
        private Path classifier;
        private double hopSeconds = DEFAULT_HOP_SECONDS;
        private int threads = ModelDefaults.THREADS;
        private GateSettings gate = GateSettings.defaults();
        private EventSettings events = EventSettings.defaults();
        private OutputSettings output = OutputSettings.defaults();

        private Builder() {
        }

        /** A capture-device index or (part of) its name; null: the system default. */
        public Builder device(String device) {
            this.device = device;
            return this;
        }

        /** A sound file to listen to instead of a device; null: a device. */
        public Builder input(Path input) {
            this.input = input;
            return this;
        }

        public Builder realtime(boolean realtime) {
            this.realtime = realtime;
            return this;
        }

        public Builder reconnect(boolean reconnect) {
            this.reconnect = reconnect;
            return this;
        }

        /** Stop after this much audio (0: until stopped or the source ends). */
        public Builder durationSeconds(double seconds) {
            this.durationSeconds = seconds;
            return this;
        }

        public Builder queueSeconds(double seconds) {
            this.queueSeconds = seconds;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** A trained head ({@code .hark} bundle); null: the model's own AudioSet labels. */
        public Builder classifier(Path classifier) {
            this.classifier = classifier;
            return this;
        }

        /** Hop between windows (a multiple of 0.01 s). */
        public Builder hopSeconds(double seconds) {
            this.hopSeconds = seconds;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder gate(GateSettings gate) {
            this.gate = gate;
            return this;
        }

        public Builder events(EventSettings events) {
            this.events = events;
            return this;
        }

        public Builder output(OutputSettings output) {
            this.output = output;
            return this;
        }

        /** @throws BadInputException naming the setting and the bad value */
        public ListenSettings build() {
            return new ListenSettings(device, input, realtime, reconnect, durationSeconds, queueSeconds, model,
                    classifier, hopSeconds, threads, gate, events, output);
        }
    }

    /** The file form of these settings (absent optional values are left out); {@code fromMap(toMap())} equals this. */
    public Map<String, String> toMap() {
        return ListenSettingsMap.of(this);
    }

    /**
     * Splits a label list: on ';' when present (AudioSet names contain commas, e.g. "Vehicle horn, car horn,
     * honking"), else on ','. Names that were split at their own commas are joined again when the classifier's
     * labels are known.
     */
    public static List<String> splitLabels(String value) {
        String sep = value.indexOf(';') >= 0 ? ";" : ",";
        List<String> out = new ArrayList<>();
        for (String part : value.split(sep, -1)) {
            String p = part.strip();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }
}
