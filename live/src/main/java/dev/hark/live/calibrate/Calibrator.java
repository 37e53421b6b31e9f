package dev.hark.live.calibrate;

import dev.hark.config.OnsetRule;
import dev.hark.config.listen.EventSettings;
import dev.hark.config.listen.ListenSettings;
import dev.hark.core.audio.AudioFiles;
import dev.hark.core.events.DetectionEvent;
import dev.hark.core.events.EventTracker;
import dev.hark.errors.BadInputException;
import dev.hark.live.DetectionPipeline;
import dev.hark.live.Detections;
import dev.hark.live.WindowScores;
import dev.hark.models.embed.Embedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Chooses each concept's threshold on labelled clips. Procedure (documented in the README and the catalogue):
 * <ol>
 * <li>every clip (each concept's own, and the "other" clips: background and distractors) runs once through the
 * listener's own {@link DetectionPipeline} with the given settings (model, gate, hop), and the per-window scores
 * of the concepts are kept;</li>
 * <li>for each concept and each candidate threshold from {@link #MIN_THRESHOLD} to {@link #MAX_THRESHOLD} in
 * steps of {@link #STEP}, the listener's event state machine ({@link EventTracker}, with each concept's onset rule (k of n),
 * hangover, minimum duration and cooldown) replays the windows: an onset on one of the concept's clips is a hit
 * (recall: share of its clips with one), an onset on any other clip (background, or another concept's clip) is
 * a false alarm;</li>
 * <li>the threshold chosen is the lowest one whose false alarms per hour of other audio are at most the target
 * (the lowest such threshold keeps the most recall); when none is, the highest threshold tried, marked unmet;</li>
 * <li>with several onset rules to try ({@code hark calibrate --onsets 1/1,2/2}), steps 2 and 3 run for each, and
 * the rule kept is the one whose chosen threshold has the most recall among those that meet the target (ties:
 * fewer false alarms, then the rule listed first); when none meets it, the one with the fewest false alarms.</li>
 * </ol>
 */
public final class Calibrator {
    public static final double MIN_THRESHOLD = 0.05;
    public static final double MAX_THRESHOLD = 0.95;
    public static final double STEP = 0.01;
    public static final double DEFAULT_FALSE_ALARMS_PER_HOUR = 10.0;

    private final ListenSettings settings;
    private final Embedder embedder;
    private final double maxFalseAlarmsPerHour;
    private final List<OnsetRule> rules;

    /**
     * @param settings the listener settings (model, gate, hop, event settings, the user's concepts); the concepts
     *        calibrated are those named by the clips' folders
     * @param embedder the model, open (not closed here)
     * @param maxFalseAlarmsPerHour the target rate
     */
    public Calibrator(ListenSettings settings, Embedder embedder, double maxFalseAlarmsPerHour) {
        this(settings, embedder, maxFalseAlarmsPerHour, List.of());
    }

    /**
     * @param rules onset rules to try for every concept, the best kept (see the procedure); empty: each concept's
     *        own rule as the listener resolves it
     */
    public Calibrator(ListenSettings settings, Embedder embedder, double maxFalseAlarmsPerHour,
            List<OnsetRule> rules) {
        this.settings = settings;
        this.embedder = embedder;
        this.maxFalseAlarmsPerHour = maxFalseAlarmsPerHour;
        this.rules = List.copyOf(rules);
    }

    /** One clip's windows: the concepts' scores (null when the gate skipped it) and times. */
    private record ClipWindows(String group, double seconds, List<WindowScores> windows) {
    }

    /**
     * @param targets clips per concept name
     * @param others background / distractor clips (never a target)
     * @param progress told each clip's path as it is done
     */
    public List<ConceptCalibration> calibrate(Map<String, List<Path>> targets, List<Path> others,
            Consumer<Path> progress) {
        if (targets.isEmpty()) {
            throw new BadInputException("calibrate: no target concepts");
        }
        List<String> concepts = List.copyOf(targets.keySet());
        ListenSettings s = withConcepts(concepts);
        List<ClipWindows> clips = new ArrayList<>();
        for (Map.Entry<String, List<Path>> e : targets.entrySet()) {
            for (Path p : e.getValue()) {
                clips.add(run(s, e.getKey(), p));
                progress.accept(p);
            }
        }
        for (Path p : others) {
            clips.add(run(s, null, p));
            progress.accept(p);
        }
        Map<String, OnsetRule> own = rules.isEmpty() ? ownRules(s) : Map.of();
        List<ConceptCalibration> out = new ArrayList<>();
        for (int c = 0; c < concepts.size(); c++) {
            String concept = concepts.get(c);
            out.add(choose(concept, c, clips, rules.isEmpty() ? List.of(own.get(concept)) : rules));
        }
        return out;
    }

    /** Each concept's onset rule as the listener resolves it (the user's, the concept's own, or the general one). */
    private Map<String, OnsetRule> ownRules(ListenSettings s) {
        try (DetectionPipeline p = DetectionPipeline.builder().settings(s).embedder(embedder).build()) {
            return p.onsets();
        }
    }

    /** The settings tracking exactly {@code concepts}, each at threshold 0 (the scores are what is kept). */
    private ListenSettings withConcepts(List<String> concepts) {
        EventSettings.Builder e = settings.events().toBuilder().labels(concepts);
        return settings.toBuilder().events(e.build()).build();
    }

    private ClipWindows run(ListenSettings s, String group, Path clip) {
        float[] y = AudioFiles.readMono16k(clip);
        try (DetectionPipeline p = DetectionPipeline.builder().settings(s).embedder(embedder).build()) {
            Detections a = p.process(y, 16_000);
            Detections b = p.finish();
            List<WindowScores> w = new ArrayList<>(a.windows());
            w.addAll(b.windows());
            return new ClipWindows(group, y.length / 16_000.0, w);
        }
    }

    /** The calibration of {@code concept} with the best of {@code candidates} (see {@link #better}). */
    private ConceptCalibration choose(String concept, int column, List<ClipWindows> clips,
            List<OnsetRule> candidates) {
        ConceptCalibration best = null;
        for (OnsetRule r : candidates) {
            ConceptCalibration c = choose(concept, column, clips, r);
            if (best == null || better(c, best)) {
                best = c;
            }
        }
        return best;
    }

    /** Whether {@code a} beats {@code b} (an earlier rule): it meets the target and finds more, or has fewer false alarms. */
    static boolean better(ConceptCalibration a, ConceptCalibration b) {
        if (a.met() != b.met()) {
            return a.met();
        }
        if (a.met() && a.recall() != b.recall()) {
            return a.recall() > b.recall();
        }
        return a.falseAlarms() < b.falseAlarms();
    }

    private ConceptCalibration choose(String concept, int column, List<ClipWindows> clips, OnsetRule rule) {
        int targets = 0;
        double othersSeconds = 0;
        for (ClipWindows c : clips) {
            if (concept.equals(c.group())) {
                targets++;
            } else {
                othersSeconds += c.seconds();
            }
        }
        ConceptCalibration last = null;
        int steps = (int) Math.round((MAX_THRESHOLD - MIN_THRESHOLD) / STEP);
        for (int i = 0; i <= steps; i++) {
            double t = Math.round((MIN_THRESHOLD + i * STEP) * 100) / 100.0;
            int hits = 0;
            int falseAlarms = 0;
            for (ClipWindows c : clips) {
                int onsets = onsets(c, rule, column, t);
                if (concept.equals(c.group())) {
                    hits += onsets > 0 ? 1 : 0;
                } else {
                    falseAlarms += onsets;
                }
            }
            double perHour = othersSeconds == 0 ? 0 : falseAlarms / othersSeconds * 3600;
            boolean met = perHour <= maxFalseAlarmsPerHour;
            last = new ConceptCalibration(concept, t, targets == 0 ? 0 : hits / (double) targets, falseAlarms,
                    perHour, targets, othersSeconds, met, rule);
            if (met) {
                return last;
            }
        }
        return last;
    }

    /** Onsets of concept {@code column} in the clip at threshold {@code t} with {@code rule}, by the listener's state machine. */
    private int onsets(ClipWindows c, OnsetRule rule, int column, double t) {
        EventTracker tracker = new EventTracker(List.of("c"), new int[] {column}, new double[] {t},
                new OnsetRule[] {rule}, settings.events());
        int n = 0;
        for (WindowScores w : c.windows()) {
            for (DetectionEvent e : tracker.update(w.startSeconds(), w.endSeconds(), w.conceptScores())) {
                n += e.type() == DetectionEvent.Type.ONSET ? 1 : 0;
            }
        }
        return n;
    }

    /** The results as listen-config entries: {@code events.thresholds.NAME = T} and {@code events.onsets.NAME = K/N}. */
    public static Map<String, String> thresholds(List<ConceptCalibration> results) {
        Map<String, String> m = new LinkedHashMap<>();
        for (ConceptCalibration r : results) {
            m.put(ListenSettings.THRESHOLD_PREFIX + r.concept(), Double.toString(r.threshold()));
            m.put(ListenSettings.ONSETS_PREFIX + r.concept(), r.onset().toString());
        }
        return m;
    }
}
