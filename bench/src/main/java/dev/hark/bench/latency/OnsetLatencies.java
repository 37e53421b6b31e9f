package dev.hark.bench.latency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which onset line answered which sound, and how late. A sound is answered by the first onset line of its label read
 * from {@link #EARLY_SECONDS} before it started playing to {@link #LATE_SECONDS} after it ended; its latency is the
 * line's arrival minus the sound's start. Every other onset line is counted as other (the sounds lie seconds apart,
 * so no line can answer two). Times are {@link System#nanoTime()} values.
 */
public final class OnsetLatencies {
    /** An onset line read this long before a sound began still counts for it (clock granularity, not foresight). */
    public static final double EARLY_SECONDS = 0.05;
    /** An onset line this long after the sound ended counts for it no more. */
    public static final double LATE_SECONDS = 1.5;

    /** A sound as played: its label (the concept expected), when it started and how long it lasts. */
    public record Played(String label, String name, long startNanos, double seconds) {
    }

    /** An onset line: its label and when it was read. */
    public record Onset(String label, long nanos) {
    }

    /** A sound and its latency in seconds (NaN: no onset answered it). */
    public record Answer(Played sound, double latencySeconds) {
        public boolean found() {
            return !Double.isNaN(latencySeconds);
        }
    }

    private final List<Answer> answers;
    private final int otherOnsets;

    private OnsetLatencies(List<Answer> answers, int otherOnsets) {
        this.answers = List.copyOf(answers);
        this.otherOnsets = otherOnsets;
    }

    /** Matches {@code onsets} to {@code sounds}. */
    public static OnsetLatencies match(List<Played> sounds, List<Onset> onsets) {
        List<Onset> left = new ArrayList<>(onsets);
        left.sort(Comparator.comparingLong(Onset::nanos));
        List<Answer> answers = new ArrayList<>();
        for (Played p : sounds) {
            long from = p.startNanos() - Math.round(EARLY_SECONDS * 1e9);
            long to = p.startNanos() + Math.round((p.seconds() + LATE_SECONDS) * 1e9);
            Onset hit = null;
            for (Onset o : left) {
                if (o.label().equals(p.label()) && o.nanos() >= from && o.nanos() <= to) {
                    hit = o;
                    break;
                }
            }
            if (hit != null) {
                left.remove(hit);
                answers.add(new Answer(p, (hit.nanos() - p.startNanos()) / 1e9));
            } else {
                answers.add(new Answer(p, Double.NaN));
            }
        }
        return new OnsetLatencies(answers, left.size());
    }

    public List<Answer> answers() {
        return answers;
    }

    /** Onset lines that answered no sound (another label, a second line for the same sound, or in the quiet). */
    public int otherOnsets() {
        return otherOnsets;
    }

    /** The latencies of the sounds found with {@code label} (all labels: null), in play order. */
    public List<Double> latencies(String label) {
        return answers.stream().filter(a -> a.found() && (label == null || a.sound().label().equals(label)))
                .map(Answer::latencySeconds).toList();
    }

    /** Sounds played with {@code label} (all: null). */
    public long sounds(String label) {
        return answers.stream().filter(a -> label == null || a.sound().label().equals(label)).count();
    }

    /**
     * The {@code p}-th percentile (0 < p <= 100) by the nearest-rank method: the smallest value with at least p % of
     * the values at or below it (so the median of an even count is the lower middle one); NaN for no values.
     */
    public static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(1, Math.min(sorted.size(), rank)) - 1);
    }
}
