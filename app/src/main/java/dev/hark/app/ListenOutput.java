package dev.hark.app;

import dev.hark.config.listen.OutputFormat;
import dev.hark.core.events.DetectionEvent;
import dev.hark.live.DetectionListener;
import dev.hark.live.DetectorStats;
import dev.hark.live.DetectorStatus;
import dev.hark.live.WindowScores;
import dev.hark.models.jsonl.EventLine;
import dev.hark.models.jsonl.JsonLines;
import dev.hark.models.jsonl.WindowLine;
import dev.hark.models.pipeline.LabelScore;
import dev.hark.models.pipeline.TopK;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes what the detector finds: events (and windows) to stdout as text or JSON lines (the schema of {@link
 * dev.hark.models.jsonl}, shared with {@code hark classify}), flushed per line; status lines to stderr.
 */
final class ListenOutput implements DetectionListener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputFormat format;
    private final boolean windows;
    private final int top;
    private final String prefix;
    private final List<String> only;
    /** Width of the label column in text: set from the first window, before its events (see {@link #width}). */
    private int labelWidth = MIN_LABEL_WIDTH;
    private boolean widthSet;

    /** The label column is never narrower than this (the width of the outputs before it adapted). */
    static final int MIN_LABEL_WIDTH = 24;

    /**
     * @param only the labels events are reported for ({@code --labels}; empty: all of the classifier's), which sets
     *             the width of the text label column
     */
    ListenOutput(PrintWriter out, PrintWriter err, OutputFormat format, boolean windows, int top, List<String> only) {
        this(out, err, format, windows, top, only, "hark listen: ");
    }

    /** @param prefix what starts each status line ({@code hark serve: }) */
    ListenOutput(PrintWriter out, PrintWriter err, OutputFormat format, boolean windows, int top, List<String> only,
            String prefix) {
        this.prefix = prefix;
        this.out = out;
        this.err = err;
        this.format = format;
        this.windows = windows;
        this.top = top;
        this.only = List.copyOf(only);
    }

    /**
     * The label column's width: the longest label an event can carry (those of {@code only}, else all the
     * classifier's), at least {@link #MIN_LABEL_WIDTH}; so every line's score starts in the same column.
     */
    static int width(List<String> classifierLabels, List<String> only) {
        List<String> printable = only.isEmpty() ? classifierLabels : only;
        return Math.max(MIN_LABEL_WIDTH, printable.stream().mapToInt(String::length).max().orElse(0));
    }

    @Override
    public void onEvent(DetectionEvent e) {
        String why = e.sources().equals(List.of(e.label())) ? "" : "  " + String.join("; ", e.sources());
        if (format == OutputFormat.JSONL) {
            out.println(JsonLines.write(EventLine.of(e, Instant.now())));
        } else if (e.type() == DetectionEvent.Type.ONSET) {
            out.printf(Locale.ROOT, "%9.2f  onset   %-" + labelWidth + "s %.2f  (from %.2f s)%s%n", e.timeSeconds(),
                    e.label(), e.score(), e.startSeconds(), why);
        } else {
            out.printf(Locale.ROOT, "%9.2f  offset  %-" + labelWidth + "s %.2f  (%.2f-%.2f s, %.2f s)%n",
                    e.timeSeconds(), e.label(), e.score(), e.startSeconds(), e.endSeconds(), e.durationSeconds());
        }
        out.flush();
    }

    @Override
    public void onWindow(WindowScores w) {
        if (!widthSet) { // the first window comes before any event
            labelWidth = width(w.concepts().isEmpty() ? w.labels() : w.concepts(), only);
            widthSet = true;
        }
        if (!windows) {
            return;
        }
        List<LabelScore> best = w.scores() == null ? List.of() : TopK.of(w.scores(), w.labels(), top);
        List<LabelScore> concepts = w.conceptScores() == null || w.concepts().isEmpty() ? List.of()
                : TopK.of(w.conceptScores(), w.concepts(), Math.min(top, w.concepts().size()));
        if (format == OutputFormat.JSONL) {
            out.println(JsonLines.write(new WindowLine(null, w.index(), w.startSeconds(), w.endSeconds(), w.ran(),
                    w.padded(), best, concepts, w.levelDbfs())));
        } else {
            String labels = w.ran() ? text(best) + (concepts.isEmpty() ? "" : "  | concepts: " + text(concepts))
                    : "(gate closed)";
            out.printf(Locale.ROOT, "%9.2f  window  %.2f-%.2f  %6.1f dBFS  %s%n", w.endSeconds(), w.startSeconds(),
                    w.endSeconds(), w.levelDbfs(), labels);
        }
        out.flush();
    }

    private static String text(List<LabelScore> scores) {
        return scores.stream().map(l -> String.format(Locale.ROOT, "%s %.2f", l.label(), l.score()))
                .collect(Collectors.joining(", "));
    }

    @Override
    public void onStatus(DetectorStatus s) {
        if (s.kind() == DetectorStatus.Kind.STOPPED || s.kind() == DetectorStatus.Kind.FAILED) {
            return; // the command prints the summary (or the error) itself
        }
        err.println(prefix + s.message());
        err.flush();
    }

    /** The summary printed to stderr at the end. */
    static String summary(DetectorStats s) {
        String events = s.eventsPerLabel().isEmpty() ? "none" : s.eventsPerLabel().entrySet().stream()
                .map(Map.Entry::getKey).map(k -> k + " " + s.eventsPerLabel().get(k)).collect(Collectors.joining("; "));
        return String.format(Locale.ROOT, "summary: %.1f s of audio processed in %.1f s, %d windows run, %d skipped "
                + "(gate closed), audio dropped %.2f s, gate open %.0f%%, processing CPU %.2f s; events: %s",
                s.audioSeconds(), s.wallSeconds(), s.windowsRun(), s.windowsSkipped(), s.droppedSeconds(),
                100 * s.gateOpenFraction(), s.processingCpuSeconds(), events);
    }
}
