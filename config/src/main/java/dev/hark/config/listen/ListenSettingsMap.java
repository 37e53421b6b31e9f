package dev.hark.config.listen;

import static dev.hark.config.listen.ListenSettings.*;

import dev.hark.config.OnsetRule;
import dev.hark.config.concepts.ConceptDefinitions;
import dev.hark.errors.BadInputException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The file form of {@link ListenSettings}: a flat map of dotted keys ({@link ListenSettings#KEYS}, plus
 * {@code events.thresholds.LABEL}) parsed through the settings' builders, so a config file, command-line
 * overrides and code are checked by the same code; every error names the key and the bad value.
 */
final class ListenSettingsMap {
    private ListenSettingsMap() {
    }

    /** Parses the file form; absent keys take their defaults; unknown keys and bad values are rejected. */
    static ListenSettings parse(Map<String, String> map) {
        Map<String, Double> thresholds = new LinkedHashMap<>();
        Map<String, OnsetRule> onsets = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(THRESHOLD_PREFIX)) {
                thresholds.put(k.substring(THRESHOLD_PREFIX.length()), dbl(k, e.getValue()));
            } else if (k.startsWith(ONSETS_PREFIX)) {
                onsets.put(k.substring(ONSETS_PREFIX.length()), OnsetRule.parse(k, e.getValue()));
            } else if (!KEYS.contains(k) && !ConceptDefinitions.isConceptKey(k)) {
                throw new BadInputException("unknown setting '" + k + "' (known: " + String.join(", ",
                        new java.util.TreeSet<>(KEYS)) + ", " + THRESHOLD_PREFIX + "LABEL, " + ONSETS_PREFIX + "LABEL, "
                        + ConceptDefinitions.PREFIX + "NAME.FIELD)");
            }
        }
        Reader r = new Reader(map);
        GateSettings.Builder gate = GateSettings.builder();
        r.ifPresent(GATE_MODE, v -> gate.mode(GateMode.parse(GATE_MODE, v)));
        r.ifInteger(VAD_MODE, gate::vadMode);
        r.ifDouble(ENERGY_THRESHOLD, gate::energyThresholdDbfs);
        r.ifDouble(NOISE_MARGIN, gate::noiseFloorMarginDb);
        r.ifInteger(GATE_HANGOVER, gate::hangoverMs);
        GateSettings g = gate.build();
        EventSettings.Builder events = EventSettings.builder().labelThresholds(thresholds).labelOnsets(onsets);
        r.ifDouble(THRESHOLD, events::threshold);
        r.ifPresent(LABELS, v -> events.labels(ListenSettings.splitLabels(v)));
        r.ifInteger(ONSET_WINDOWS, events::onsetWindows);
        r.ifInteger(ONSET_OF, events::onsetOf);
        r.ifDouble(OFFSET_HANGOVER, events::offsetHangoverSeconds);
        r.ifDouble(MIN_DURATION, events::minDurationSeconds);
        r.ifDouble(COOLDOWN, events::cooldownSeconds);
        r.ifBoolean(RAW_LABELS, events::rawLabels);
        events.concepts(ConceptDefinitions.parse(map));
        EventSettings e = events.build();
        OutputSettings.Builder output = OutputSettings.builder();
        r.ifPresent(FORMAT, v -> output.format(OutputFormat.parse(FORMAT, v)));
        r.ifBoolean(WINDOWS, output::windows);
        r.ifPath(RECORD_DIR, output::recordDir);
        r.ifDouble(PRE_ROLL, output::preRollSeconds);
        r.ifDouble(STATUS_INTERVAL, output::statusIntervalSeconds);
        OutputSettings o = output.build();
        ListenSettings.Builder b = ListenSettings.builder();
        r.ifPresent(DEVICE, b::device);
        r.ifPath(INPUT, b::input);
        r.ifBoolean(REALTIME, b::realtime);
        r.ifBoolean(RECONNECT, b::reconnect);
        r.ifDouble(DURATION, b::durationSeconds);
        r.ifDouble(QUEUE, b::queueSeconds);
        r.ifPresent(MODEL, b::model);
        r.ifPath(CLASSIFIER, b::classifier);
        r.ifDouble(HOP, b::hopSeconds);
        r.ifInteger(THREADS, b::threads);
        return b.gate(g).events(e).output(o).build();
    }

    /** The file form of {@code s} (absent optional values are left out). */
    static Map<String, String> of(ListenSettings s) {
        Map<String, String> m = new TreeMap<>();
        if (s.device() != null) {
            m.put(DEVICE, s.device());
        }
        if (s.input() != null) {
            m.put(INPUT, s.input().toString());
        }
        m.put(REALTIME, Boolean.toString(s.realtime()));
        m.put(RECONNECT, Boolean.toString(s.reconnect()));
        m.put(DURATION, Double.toString(s.durationSeconds()));
        m.put(QUEUE, Double.toString(s.queueSeconds()));
        m.put(MODEL, s.model());
        if (s.classifier() != null) {
            m.put(CLASSIFIER, s.classifier().toString());
        }
        m.put(HOP, Double.toString(s.hopSeconds()));
        m.put(THREADS, Integer.toString(s.threads()));
        m.put(GATE_MODE, s.gate().mode().cliName());
        m.put(VAD_MODE, Integer.toString(s.gate().vadMode()));
        m.put(ENERGY_THRESHOLD, Double.toString(s.gate().energyThresholdDbfs()));
        m.put(NOISE_MARGIN, Double.toString(s.gate().noiseFloorMarginDb()));
        m.put(GATE_HANGOVER, Integer.toString(s.gate().hangoverMs()));
        m.put(THRESHOLD, Double.toString(s.events().threshold()));
        s.events().labelThresholds().forEach((k, v) -> m.put(THRESHOLD_PREFIX + k, Double.toString(v)));
        s.events().labelOnsets().forEach((k, v) -> m.put(ONSETS_PREFIX + k, v.toString()));
        if (!s.events().labels().isEmpty()) {
            m.put(LABELS, String.join(";", s.events().labels()));
        }
        m.put(ONSET_WINDOWS, Integer.toString(s.events().onsetWindows()));
        m.put(ONSET_OF, Integer.toString(s.events().onsetOf()));
        m.put(OFFSET_HANGOVER, Double.toString(s.events().offsetHangoverSeconds()));
        m.put(MIN_DURATION, Double.toString(s.events().minDurationSeconds()));
        m.put(COOLDOWN, Double.toString(s.events().cooldownSeconds()));
        m.put(RAW_LABELS, Boolean.toString(s.events().rawLabels()));
        m.putAll(ConceptDefinitions.toMap(s.events().concepts()));
        m.put(FORMAT, s.output().format().cliName());
        m.put(WINDOWS, Boolean.toString(s.output().windows()));
        if (s.output().recordDir() != null) {
            m.put(RECORD_DIR, s.output().recordDir().toString());
        }
        m.put(PRE_ROLL, Double.toString(s.output().preRollSeconds()));
        m.put(STATUS_INTERVAL, Double.toString(s.output().statusIntervalSeconds()));
        return Collections.unmodifiableMap(m);
    }

    private static double dbl(String key, String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException("bad value for " + key + ": '" + value + "' is not a number", e);
        }
    }

    /** Typed access to the file form with the key named in every error. */
    private record Reader(Map<String, String> map) {
        boolean has(String key) {
            String v = map.get(key);
            return v != null && !v.isBlank();
        }

        String str(String key) {
            return map.get(key).strip();
        }

        Path path(String key) {
            try {
                return Path.of(str(key));
            } catch (java.nio.file.InvalidPathException e) {
                throw new BadInputException("bad value for " + key + ": '" + map.get(key) + "' is not a path", e);
            }
        }

        double dbl(String key, double dflt) {
            return has(key) ? ListenSettingsMap.dbl(key, map.get(key)) : dflt;
        }

        int integer(String key, int dflt) {
            if (!has(key)) {
                return dflt;
            }
            try {
                return Integer.parseInt(str(key));
            } catch (NumberFormatException e) {
                throw new BadInputException("bad value for " + key + ": '" + map.get(key) + "' is not a whole number",
                        e);
            }
        }

        void ifPresent(String key, java.util.function.Consumer<String> set) {
            if (has(key)) {
                set.accept(str(key));
            }
        }

        void ifPath(String key, java.util.function.Consumer<Path> set) {
            if (has(key)) {
                set.accept(path(key));
            }
        }

        void ifDouble(String key, java.util.function.DoubleConsumer set) {
            if (has(key)) {
                set.accept(dbl(key, 0));
            }
        }

        void ifInteger(String key, java.util.function.IntConsumer set) {
            if (has(key)) {
                set.accept(integer(key, 0));
            }
        }

        void ifBoolean(String key, java.util.function.Consumer<Boolean> set) {
            if (has(key)) {
                set.accept(bool(key, false));
            }
        }

        boolean bool(String key, boolean dflt) {
            if (!has(key)) {
                return dflt;
            }
            return switch (str(key).toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new BadInputException("bad value for " + key + ": '" + map.get(key)
                        + "' (expected true or false)");
            };
        }
    }
}
