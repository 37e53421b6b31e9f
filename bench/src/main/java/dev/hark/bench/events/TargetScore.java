package dev.hark.bench.events;

/**
 * The figures of one target (or of all, {@code "overall"}), as {@link EventScorer} defines them.
 *
 * @param target the target's name
 * @param sounds its sounds in the scene
 * @param found sounds found (matched by an onset)
 * @param falseAlarms onsets of the target outside its sounds' windows
 * @param lines matching onsets inside its sounds' windows (found + extra)
 * @param latencies onset time minus sound start of every sound found, ascending (seconds)
 * @param sceneSeconds the length of the scene
 */
public record TargetScore(String target, int sounds, int found, int falseAlarms, int lines, double[] latencies,
        double sceneSeconds) {
    /** Sounds found / sounds (NaN without sounds). */
    public double recall() {
        return sounds == 0 ? Double.NaN : found / (double) sounds;
    }

    /** Found / (found + false alarms) (NaN when nothing was reported). */
    public double precision() {
        return found + falseAlarms == 0 ? Double.NaN : found / (double) (found + falseAlarms);
    }

    /** Harmonic mean of recall and precision (0 when either is 0 or undefined). */
    public double f1() {
        double r = recall();
        double p = precision();
        return Double.isNaN(r) || Double.isNaN(p) || r + p == 0 ? 0 : 2 * r * p / (r + p);
    }

    public double falseAlarmsPerHour() {
        return falseAlarms * 3600.0 / sceneSeconds;
    }

    /** Matching onset lines per real sound (1.0: one line each; NaN without sounds). */
    public double linesPerSound() {
        return sounds == 0 ? Double.NaN : lines / (double) sounds;
    }

    /** Median latency in seconds (NaN when nothing was found). */
    public double medianLatency() {
        if (latencies.length == 0) {
            return Double.NaN;
        }
        int n = latencies.length;
        return n % 2 == 1 ? latencies[n / 2] : (latencies[n / 2 - 1] + latencies[n / 2]) / 2;
    }

    /** Largest latency in seconds (NaN when nothing was found). */
    public double maxLatency() {
        return latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1];
    }
}
