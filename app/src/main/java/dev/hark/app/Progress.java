package dev.hark.app;

import dev.hark.models.train.FeatureExtractor;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long run over files: a progress bar (files done, rate, time left) when the process talks to a
 * terminal, else a plain line every {@value #PLAIN_INTERVAL_SECONDS} seconds (and at the end) on {@code err}.
 */
public final class Progress implements FeatureExtractor.Progress, AutoCloseable {
    static final int PLAIN_INTERVAL_SECONDS = 10;
    private final String task;
    private final PrintWriter err;
    private final ProgressBar bar;
    private final long startNanos = System.nanoTime();
    private long lastPrintNanos = System.nanoTime();
    private int total;

    private Progress(String task, PrintWriter err, ProgressBar bar) {
        this.task = task;
        this.err = err;
        this.bar = bar;
    }

    /** Whether the process talks to a terminal (and is not told otherwise, as tests do): then lines update in place. */
    static boolean terminal() {
        return System.console() != null && !Boolean.getBoolean("hark.progress.plain");
    }

    /** A bar when stdout and stderr are a terminal (and not in tests), else plain lines. */
    public static Progress start(String task, int total, PrintWriter err) {
        boolean terminal = terminal();
        ProgressBar bar = null;
        if (terminal && total > 0) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" files", 1)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).showSpeed().setSpeedUnit(ChronoUnit.SECONDS)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true))).build();
        }
        Progress p = new Progress(task, err, bar);
        p.total = total;
        return p;
    }

    @Override
    public void update(int done, int total) {
        this.total = total;
        if (bar != null) {
            bar.stepTo(done);
            return;
        }
        long now = System.nanoTime();
        if (done < total && now - lastPrintNanos < PLAIN_INTERVAL_SECONDS * 1_000_000_000L) {
            return;
        }
        lastPrintNanos = now;
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String left = rate > 0 && done < total ? String.format(", about %.0f s left", (total - done) / rate) : "";
        err.printf("%s: %d/%d files (%.0f %%), %.1f files/s%s%n", task, done, total,
                total == 0 ? 100.0 : 100.0 * done / total, rate, left);
        err.flush();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
