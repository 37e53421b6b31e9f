package dev.hark.config.listen;

import dev.hark.config.OnsetRule;
import dev.hark.config.concepts.ConceptDefinition;
import dev.hark.errors.BadInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How per-window scores become events, per concept (or per raw label).
 *
 * @param threshold score a window needs to count as "above" for raw labels, a trained head's labels and concepts
 *        without a threshold of their own (catalogue concepts have theirs)
 * @param labelThresholds per-name thresholds (concept or label name to score), overriding every other threshold
 * @param labels concepts (or, with {@code rawLabels}, labels) to report; empty: the default concepts (every raw
 *        label with {@code rawLabels}, every label of a trained head)
 * @param onsetWindows k: an onset needs k of the last n windows above the threshold
 * @param onsetOf n: the number of most recent windows looked at for an onset
 * @param offsetHangoverSeconds an offset comes once the score stayed below the threshold this long
 * @param minDurationSeconds an event is reported only once it lasted this long (windows are 0.96 s)
 * @param cooldownSeconds after an offset, no new onset of the same label for this long
 * @param rawLabels events per raw model label (every AudioSet class on its own) instead of per concept
 * @param concepts concepts the user adds or overrides ({@code concepts.NAME.*} keys), on top of the catalogue
 * @param labelOnsets per-name onset rules ({@code events.onsets.NAME = K/N}), overriding a concept's own and the
 *        general {@code onsetWindows} of {@code onsetOf}
 */
public record EventSettings(double threshold, Map<String, Double> labelThresholds, List<String> labels,
        int onsetWindows, int onsetOf, double offsetHangoverSeconds, double minDurationSeconds,
        double cooldownSeconds, boolean rawLabels, Map<String, ConceptDefinition> concepts,
        Map<String, OnsetRule> labelOnsets) {
    public static final double DEFAULT_THRESHOLD = 0.3;
    public static final int DEFAULT_ONSET_WINDOWS = 1;
    public static final int DEFAULT_ONSET_OF = 1;
    public static final double DEFAULT_OFFSET_HANGOVER_SECONDS = 0.5;
    public static final double DEFAULT_MIN_DURATION_SECONDS = 0.0;
    public static final double DEFAULT_COOLDOWN_SECONDS = 1.0;

    public EventSettings {
        Check.range("events.threshold", threshold, 0.0, 1.0);
        labelThresholds = labelThresholds == null ? Map.of() : copyThresholds(labelThresholds);
        labels = labels == null ? List.of() : List.copyOf(labels);
        for (String l : labels) {
            if (l.isBlank()) {
                throw new BadInputException("bad value for events.labels: an empty label name");
            }
        }
        Check.range("events.onset-of", onsetOf, 1, OnsetRule.MAX_WINDOWS);
        Check.range("events.onset-windows", onsetWindows, 1, onsetOf);
        Check.range("events.offset-hangover-seconds", offsetHangoverSeconds, 0.0, 3600.0);
        Check.range("events.min-duration-seconds", minDurationSeconds, 0.0, 3600.0);
        Check.range("events.cooldown-seconds", cooldownSeconds, 0.0, 3600.0);
        concepts = concepts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(concepts));
        labelOnsets = labelOnsets == null ? Map.of() : copyOnsets(labelOnsets);
    }

    /** Settings without onset rules per name. */
    public EventSettings(double threshold, Map<String, Double> labelThresholds, List<String> labels,
            int onsetWindows, int onsetOf, double offsetHangoverSeconds, double minDurationSeconds,
            double cooldownSeconds, boolean rawLabels, Map<String, ConceptDefinition> concepts) {
        this(threshold, labelThresholds, labels, onsetWindows, onsetOf, offsetHangoverSeconds, minDurationSeconds,
                cooldownSeconds, rawLabels, concepts, Map.of());
    }

    /** Settings without raw labels or concepts of the user's own (the form before concepts). */
    public EventSettings(double threshold, Map<String, Double> labelThresholds, List<String> labels,
            int onsetWindows, int onsetOf, double offsetHangoverSeconds, double minDurationSeconds,
            double cooldownSeconds) {
        this(threshold, labelThresholds, labels, onsetWindows, onsetOf, offsetHangoverSeconds, minDurationSeconds,
                cooldownSeconds, false, Map.of());
    }

    private static Map<String, Double> copyThresholds(Map<String, Double> in) {
        return copyPerName(ListenSettings.THRESHOLD_PREFIX, in, (key, t) -> Check.range(key, t, 0.0, 1.0));
    }

    private static Map<String, OnsetRule> copyOnsets(Map<String, OnsetRule> in) {
        return copyPerName(ListenSettings.ONSETS_PREFIX, in, (key, rule) -> { });
    }

    /** A per-name map, each name non-blank and each value present and passing {@code check} (given its key). */
    private static <V> Map<String, V> copyPerName(String prefix, Map<String, V> in,
            java.util.function.BiConsumer<String, V> check) {
        Map<String, V> out = new LinkedHashMap<>();
        for (Map.Entry<String, V> e : in.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new BadInputException("bad key " + key + ": empty label name");
            }
            if (e.getValue() == null) {
                throw new BadInputException("bad value for " + key + ": missing");
            }
            check.accept(key, e.getValue());
            out.put(e.getKey(), e.getValue());
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The general onset rule: {@code onsetWindows} of the last {@code onsetOf} windows. */
    public OnsetRule onset() {
        return new OnsetRule(onsetWindows, onsetOf);
    }

    /** The onset rule of {@code name}: its own in {@code labelOnsets}, else {@code ownDefault}, else the general one. */
    public OnsetRule onsetFor(String name, OnsetRule ownDefault) {
        OnsetRule r = labelOnsets.get(name);
        return r != null ? r : ownDefault != null ? ownDefault : onset();
    }

    /** The threshold that applies to {@code label}. */
    public double thresholdFor(String label) {
        Double t = labelThresholds.get(label);
        return t == null ? threshold : t;
    }

    /** The threshold of {@code name}: its own in {@code labelThresholds}, else {@code ownDefault}, else the general one. */
    public double thresholdFor(String name, Double ownDefault) {
        Double t = labelThresholds.get(name);
        return t != null ? t : ownDefault != null ? ownDefault : threshold;
    }

    public static EventSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults; {@link Builder#build()} validates (the same checks as the file form). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder().threshold(threshold).labelThresholds(labelThresholds).labels(labels)
                .onsetWindows(onsetWindows).onsetOf(onsetOf).offsetHangoverSeconds(offsetHangoverSeconds)
                .minDurationSeconds(minDurationSeconds).cooldownSeconds(cooldownSeconds).rawLabels(rawLabels)
                .concepts(concepts).labelOnsets(labelOnsets);
    }

    /**
     * Event settings by name: {@code EventSettings.builder().labels("Dog").threshold(0.4).build()}. Values are
     * checked by {@link #build()}, through the record's constructor, so a bad value gets the same message as in a
     * config file (naming the key and the value).
     */
    public static final class Builder {
        private double threshold = DEFAULT_THRESHOLD;
        private final Map<String, Double> labelThresholds = new LinkedHashMap<>();
        private List<String> labels = List.of();
        private int onsetWindows = DEFAULT_ONSET_WINDOWS;
        private Integer onsetOf;
        private double offsetHangoverSeconds = DEFAULT_OFFSET_HANGOVER_SECONDS;
        private double minDurationSeconds = DEFAULT_MIN_DURATION_SECONDS;
        private double cooldownSeconds = DEFAULT_COOLDOWN_SECONDS;
        private boolean rawLabels;
        private final Map<String, ConceptDefinition> concepts = new LinkedHashMap<>();
        private final Map<String, OnsetRule> labelOnsets = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder threshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        /** A threshold of its own for {@code label}. */
        public Builder labelThreshold(String label, double threshold) {
            labelThresholds.put(label, threshold);
            return this;
        }

        /** Replaces the per-label thresholds. */
        public Builder labelThresholds(Map<String, Double> thresholds) {
            labelThresholds.clear();
            labelThresholds.putAll(thresholds);
            return this;
        }

        /** Only these labels are reported (none given: all). */
        public Builder labels(String... labels) {
            return labels(List.of(labels));
        }

        public Builder labels(List<String> labels) {
            this.labels = List.copyOf(labels);
            return this;
        }

        /** An onset rule of its own for {@code name} (a concept, or a label of a trained head or raw labels). */
        public Builder labelOnset(String name, OnsetRule rule) {
            labelOnsets.put(name, rule);
            return this;
        }

        /** Replaces the per-name onset rules. */
        public Builder labelOnsets(Map<String, OnsetRule> rules) {
            labelOnsets.clear();
            labelOnsets.putAll(rules);
            return this;
        }

        /** k: an onset needs k of the last n ({@link #onsetOf}) windows above the threshold. */
        public Builder onsetWindows(int k) {
            this.onsetWindows = k;
            return this;
        }

        /** n: windows looked at for an onset; when not set, at least {@link #onsetWindows} (as in the file form). */
        public Builder onsetOf(int n) {
            this.onsetOf = n;
            return this;
        }

        public Builder offsetHangoverSeconds(double seconds) {
            this.offsetHangoverSeconds = seconds;
            return this;
        }

        public Builder minDurationSeconds(double seconds) {
            this.minDurationSeconds = seconds;
            return this;
        }

        public Builder cooldownSeconds(double seconds) {
            this.cooldownSeconds = seconds;
            return this;
        }

        /** Events per raw model label instead of per concept. */
        public Builder rawLabels(boolean raw) {
            this.rawLabels = raw;
            return this;
        }

        /** Adds (or replaces, by name) a concept of the user's own. */
        public Builder concept(ConceptDefinition concept) {
            concepts.put(concept.name(), concept);
            return this;
        }

        /** Replaces the user's concepts. */
        public Builder concepts(Map<String, ConceptDefinition> all) {
            concepts.clear();
            concepts.putAll(all);
            return this;
        }

        /** @throws BadInputException naming the setting and the bad value */
        public EventSettings build() {
            int n = onsetOf != null ? onsetOf : Math.max(DEFAULT_ONSET_OF, onsetWindows);
            return new EventSettings(threshold, labelThresholds, labels, onsetWindows, n, offsetHangoverSeconds,
                    minDurationSeconds, cooldownSeconds, rawLabels, concepts, labelOnsets);
        }
    }
}
