package dev.hark.core.events;

import dev.hark.config.OnsetRule;
import dev.hark.config.listen.EventSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-label event state machine over a stream of windows (in time order). For each tracked label:
 * <ul>
 * <li>onset once at least k of the last n windows (the label's onset rule) scored at or above its threshold, the candidate
 * event has lasted at least the minimum duration (from the start of its first window above the threshold to
 * the end of the current window), and the cooldown after this label's previous offset has passed;</li>
 * <li>offset once the score has stayed below the threshold for the hangover time (measured from the end of
 * the last window above it); a candidate that ends before its onset was reported is dropped silently;</li>
 * <li>{@link #closeAll} ends every open event (at stop).</li>
 * </ul>
 * The start of an event is the start of the earliest window above the threshold among the last n, or of the
 * run of consecutive windows above it that led to the onset (when a cooldown held it back), if earlier.
 * A window skipped by the activity gate counts as below every threshold. Each event carries its sources: the
 * model labels a {@link Sources} names for the windows above the threshold (by default the tracked name
 * itself), highest peak first. Not thread-safe.
 */
public final class EventTracker {
    /** The model labels behind tracked name {@code tracked} in the current window (only asked when it is above). */
    @FunctionalInterface
    public interface Sources {
        /** The labels, each with its score in this window. */
        Map<String, Float> of(int tracked);
    }

    private final List<String> labels;
    private final int[] columns;
    private final double[] thresholds;
    private final int[] ks;
    private final int[] ns;
    private final double hangoverSeconds;
    private final double minDurationSeconds;
    private final double cooldownSeconds;
    private final LabelState[] states;

    private static final class LabelState {
        final boolean[] above;
        final double[] starts;
        final float[] scores;
        int count;
        long seen;
        boolean candidate;
        boolean reported;
        double start;
        double lastAboveEnd;
        double peak;
        double lastOffsetTime = Double.NEGATIVE_INFINITY;
        /** Start of the current run of consecutive windows above the threshold (+inf when the last was below). */
        double runStart = Double.POSITIVE_INFINITY;
        /** Peak score per source label of the current candidate event. */
        final Map<String, Float> sources = new LinkedHashMap<>();

        LabelState(int n) {
            above = new boolean[n];
            starts = new double[n];
            scores = new float[n];
        }
    }

    /**
     * @param labels names of the tracked labels
     * @param columns for each tracked label, its column in the score rows handed to {@link #update}
     * @param thresholds for each tracked label, its threshold
     * @param settings k of n, hangover, minimum duration, cooldown
     */
    public EventTracker(List<String> labels, int[] columns, double[] thresholds, EventSettings settings) {
        this(labels, columns, thresholds, new OnsetRule[labels.size()], settings);
    }

    /**
     * @param labels names of the tracked labels
     * @param columns for each tracked label, its column in the score rows handed to {@link #update}
     * @param thresholds for each tracked label, its threshold
     * @param onsets for each tracked label, its onset rule (null: the general one of {@code settings})
     * @param settings k of n (for labels without their own), hangover, minimum duration, cooldown
     */
    public EventTracker(List<String> labels, int[] columns, double[] thresholds, OnsetRule[] onsets,
            EventSettings settings) {
        if (labels.size() != columns.length || labels.size() != thresholds.length
                || labels.size() != onsets.length) {
            throw new IllegalArgumentException("labels, columns, thresholds and onset rules differ in length");
        }
        this.labels = List.copyOf(labels);
        this.columns = columns.clone();
        this.thresholds = thresholds.clone();
        this.ks = new int[onsets.length];
        this.ns = new int[onsets.length];
        for (int i = 0; i < onsets.length; i++) {
            OnsetRule r = onsets[i] != null ? onsets[i] : settings.onset();
            ks[i] = r.windows();
            ns[i] = r.of();
        }
        this.hangoverSeconds = settings.offsetHangoverSeconds();
        this.minDurationSeconds = settings.minDurationSeconds();
        this.cooldownSeconds = settings.cooldownSeconds();
        this.states = new LabelState[labels.size()];
        for (int i = 0; i < states.length; i++) {
            states[i] = new LabelState(ns[i]);
        }
    }

    /** Tracks every label of {@code allLabels} that {@code settings} keeps (all when its list is empty). */
    public static EventTracker forLabels(List<String> allLabels, List<String> kept, EventSettings settings) {
        List<String> names = new ArrayList<>();
        List<Integer> cols = new ArrayList<>();
        for (int c = 0; c < allLabels.size(); c++) {
            if (kept.isEmpty() || kept.contains(allLabels.get(c))) {
                names.add(allLabels.get(c));
                cols.add(c);
            }
        }
        double[] th = new double[names.size()];
        for (int i = 0; i < th.length; i++) {
            th[i] = settings.thresholdFor(names.get(i));
        }
        return new EventTracker(names, cols.stream().mapToInt(Integer::intValue).toArray(), th, settings);
    }

    public List<String> labels() {
        return labels;
    }

    /**
     * Takes new thresholds from {@code settings} (its default and per-label thresholds; the rest of it is ignored)
     * for the next windows; open events and the window history are kept.
     */
    public void retune(EventSettings settings) {
        for (int i = 0; i < thresholds.length; i++) {
            thresholds[i] = settings.thresholdFor(labels.get(i));
        }
    }

    /** Takes new thresholds, one per tracked label in order, for the next windows (open events are kept). */
    public void retune(double[] thresholds) {
        if (thresholds.length != this.thresholds.length) {
            throw new IllegalArgumentException(thresholds.length + " thresholds for " + this.thresholds.length
                    + " labels");
        }
        System.arraycopy(thresholds, 0, this.thresholds, 0, thresholds.length);
    }

    /** The onset rule in force for a tracked {@code label} (null for a label not tracked). */
    public OnsetRule onsetOf(String label) {
        int i = labels.indexOf(label);
        return i < 0 ? null : new OnsetRule(ks[i], ns[i]);
    }

    /** The threshold in force for a tracked {@code label} (NaN for a label not tracked). */
    public double thresholdOf(String label) {
        int i = labels.indexOf(label);
        return i < 0 ? Double.NaN : thresholds[i];
    }

    /**
     * Takes the next window [startSeconds, endSeconds) with its score row ({@code null}: skipped by the gate,
     * all below) and returns the events it causes, in label order.
     */
    public List<DetectionEvent> update(double startSeconds, double endSeconds, float[] scores) {
        return update(startSeconds, endSeconds, scores, null);
    }

    /** {@link #update(double, double, float[])} with the sources of each tracked name (null: the name itself). */
    public List<DetectionEvent> update(double startSeconds, double endSeconds, float[] scores, Sources sources) {
        List<DetectionEvent> out = new ArrayList<>(0);
        for (int i = 0; i < states.length; i++) {
            LabelState s = states[i];
            int n = ns[i];
            float score = scores == null ? 0f : scores[columns[i]];
            boolean isAbove = scores != null && score >= thresholds[i];
            int slot = (int) (s.seen % n);
            if (s.seen >= n && s.above[slot]) {
                s.count--;
            }
            s.above[slot] = isAbove;
            s.starts[slot] = startSeconds;
            s.scores[slot] = score;
            if (isAbove) {
                s.count++;
                s.runStart = Math.min(s.runStart, startSeconds);
            } else {
                s.runStart = Double.POSITIVE_INFINITY;
            }
            s.seen++;

            Map<String, Float> now = isAbove ? (sources == null ? Map.of(labels.get(i), score) : sources.of(i))
                    : Map.of();
            if (s.candidate) {
                if (isAbove) {
                    addSources(s, now);
                    s.lastAboveEnd = endSeconds;
                    s.peak = Math.max(s.peak, score);
                    maybeReport(i, s, endSeconds, score, out);
                } else if (endSeconds - s.lastAboveEnd >= hangoverSeconds) {
                    end(i, s, endSeconds, out);
                }
            } else if (isAbove && s.count >= ks[i] && endSeconds - s.lastOffsetTime >= cooldownSeconds) {
                s.candidate = true;
                s.reported = false;
                s.start = s.runStart; // reaches back over windows held back by the cooldown
                s.peak = 0;
                for (int j = 0; j < Math.min(n, s.seen); j++) {
                    if (s.above[j]) {
                        s.start = Math.min(s.start, s.starts[j]);
                        s.peak = Math.max(s.peak, s.scores[j]);
                    }
                }
                s.lastAboveEnd = endSeconds;
                s.sources.clear();
                addSources(s, now);
                maybeReport(i, s, endSeconds, s.peak, out);
            }
        }
        return out;
    }

    private static void addSources(LabelState s, Map<String, Float> now) {
        now.forEach((l, v) -> s.sources.merge(l, v, Math::max));
    }

    /** The source labels of {@code s}'s event so far, highest peak first. */
    private static List<String> sourcesOf(LabelState s) {
        return s.sources.entrySet().stream().sorted(Map.Entry.<String, Float>comparingByValue().reversed())
                .map(Map.Entry::getKey).toList();
    }

    private void maybeReport(int i, LabelState s, double endSeconds, double score, List<DetectionEvent> out) {
        if (!s.reported && endSeconds - s.start >= minDurationSeconds) {
            s.reported = true;
            out.add(new DetectionEvent(DetectionEvent.Type.ONSET, labels.get(i), score, endSeconds, s.start,
                    endSeconds, sourcesOf(s)));
        }
    }

    private void end(int i, LabelState s, double timeSeconds, List<DetectionEvent> out) {
        if (s.reported) {
            out.add(new DetectionEvent(DetectionEvent.Type.OFFSET, labels.get(i), s.peak, timeSeconds, s.start,
                    s.lastAboveEnd, sourcesOf(s)));
            s.lastOffsetTime = timeSeconds;
        }
        s.candidate = false;
        s.reported = false;
    }

    /** Ends every open event at {@code timeSeconds} (its end is the end of its last window above threshold). */
    public List<DetectionEvent> closeAll(double timeSeconds) {
        List<DetectionEvent> out = new ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            if (states[i].candidate) {
                end(i, states[i], timeSeconds, out);
            }
        }
        return out;
    }

    /** Whether an onset of {@code label} has been reported and not yet ended. */
    public boolean isOpen(String label) {
        int i = labels.indexOf(label);
        return i >= 0 && states[i].reported;
    }
}
