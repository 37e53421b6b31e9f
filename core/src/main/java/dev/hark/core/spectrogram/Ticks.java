package dev.hark.core.spectrogram;

import java.util.ArrayList;
import java.util.List;

/** Tick values for the axes: round seconds for time, fixed round frequencies for the mel axis. */
public final class Ticks {
    private static final double[] SECOND_STEPS = {0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600,
        900, 1800, 3600, 7200, 14_400, 28_800, 86_400};
    /** Frequencies labelled on the mel axis (those inside it). */
    static final double[] HZ = {250, 500, 1000, 2000, 4000, 7000};

    private Ticks() {
    }

    /** The smallest round step giving at most {@code maxTicks + 1} ticks over {@code [0, durationSeconds]}. */
    public static double secondsStep(double durationSeconds, int maxTicks) {
        for (double step : SECOND_STEPS) {
            if (durationSeconds / step <= maxTicks) {
                return step;
            }
        }
        return Math.ceil(durationSeconds / maxTicks / 86_400) * 86_400;
    }

    /** The multiples of {@code step} in {@code [0, durationSeconds]}. */
    public static List<Double> seconds(double durationSeconds, double step) {
        List<Double> out = new ArrayList<>();
        for (long i = 0; i * step <= durationSeconds + 1e-9; i++) {
            out.add(i * step);
        }
        return out;
    }

    /** The labelled frequencies that lie on the mel axis. */
    public static List<Double> hz() {
        List<Double> out = new ArrayList<>();
        for (double hz : HZ) {
            double p = MelAxis.bandPosition(hz);
            if (p >= 0 && p <= dev.hark.core.frontend.FrontEndParams.MEL_BANDS) {
                out.add(hz);
            }
        }
        return out;
    }

    /** {@code 0}, {@code 2.5}, {@code 1:30} for a tick at {@code seconds} with this step. */
    public static String secondsLabel(double seconds, double step) {
        if (step >= 60) {
            long s = Math.round(seconds);
            return s >= 3600 ? String.format(java.util.Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                    : String.format(java.util.Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        if (Math.abs(seconds - Math.rint(seconds)) < 1e-9) {
            return Long.toString(Math.round(seconds));
        }
        return step < 0.1 ? String.format(java.util.Locale.ROOT, "%.2f", seconds)
                : String.format(java.util.Locale.ROOT, "%.1f", seconds).replaceAll("0$", "");
    }

    /** {@code 500}, {@code 1k}, {@code 7k}. */
    public static String hzLabel(double hz) {
        return hz >= 1000 ? (hz % 1000 == 0 ? (long) (hz / 1000) + "k" : hz / 1000 + "k") : Long.toString(Math.round(hz));
    }
}
