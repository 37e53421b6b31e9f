package dev.hark.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.config.listen.OutputFormat;
import dev.hark.core.events.DetectionEvent;
import dev.hark.live.DetectionListener;
import dev.hark.live.DetectorStats;
import dev.hark.live.DetectorStatus;
import dev.hark.live.WindowScores;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes what the detector finds: events (and windows) to stdout as text or JSON lines, flushed per line;
 * status lines to stderr.
 */
final class ListenOutput implements DetectionListener {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputFormat format;
    private final boolean windows;
    private final int top;

    ListenOutput(PrintWriter out, PrintWriter err, OutputFormat format, boolean windows, int top) {
        this.out = out;
        this.err = err;
        this.format = format;
        this.windows = windows;
        this.top = top;
    }

    /** Seconds on the 10 ms grid printed without binary noise (0.48 * 3 prints 1.44). */
    static double seconds(double s) {
        return Math.round(s * 1e6) / 1e6;
    }

    @Override
    public void onEvent(DetectionEvent e) {
        if (format == OutputFormat.JSONL) {
            ObjectNode o = JSON.createObjectNode();
            o.put("type", e.type().jsonName());
            o.put("label", e.label());
            o.put("score", (float) e.score());
            o.put("time", seconds(e.timeSeconds()));
            o.put("start", seconds(e.startSeconds()));
            o.put("end", seconds(e.endSeconds()));
            if (e.type() == DetectionEvent.Type.OFFSET) {
                o.put("duration", seconds(e.durationSeconds()));
            }
            o.put("wallclock", Instant.now().toString());
            out.println(o.toString());
        } else if (e.type() == DetectionEvent.Type.ONSET) {
            out.printf(Locale.ROOT, "%9.2f  onset   %-24s %.2f  (from %.2f s)%n", e.timeSeconds(), e.label(), e.score(),
                    e.startSeconds());
        } else {
            out.printf(Locale.ROOT, "%9.2f  offset  %-24s %.2f  (%.2f-%.2f s, %.2f s)%n", e.timeSeconds(), e.label(),
                    e.score(), e.startSeconds(), e.endSeconds(), e.durationSeconds());
        }
        out.flush();
    }

    @Override
    public void onWindow(WindowScores w) {
        if (!windows) {
            return;
        }
        int[] best = w.scores() == null ? new int[0] : topK(w.scores(), top);
        if (format == OutputFormat.JSONL) {
            ObjectNode o = JSON.createObjectNode();
            o.put("type", "window");
            o.put("index", w.index());
            o.put("start", seconds(w.startSeconds()));
            o.put("end", seconds(w.endSeconds()));
            o.put("ran", w.ran());
            if (w.padded()) {
                o.put("padded", true);
            }
            ArrayNode labels = o.putArray("labels");
            for (int i : best) {
                ObjectNode l = labels.addObject();
                l.put("label", w.labels().get(i));
                l.put("score", w.scores()[i]);
            }
            out.println(o.toString());
        } else {
            String labels = w.ran() ? java.util.Arrays.stream(best).mapToObj(i -> String.format(Locale.ROOT, "%s %.2f",
                    w.labels().get(i), w.scores()[i])).collect(Collectors.joining(", ")) : "(gate closed)";
            out.printf(Locale.ROOT, "%9.2f  window  %.2f-%.2f  %s%n", w.endSeconds(), w.startSeconds(), w.endSeconds(),
                    labels);
        }
        out.flush();
    }

    /** Indices of the k highest scores, highest first (ties: lower index first). */
    static int[] topK(float[] s, int k) {
        return java.util.stream.IntStream.range(0, s.length).boxed()
                .sorted((a, b) -> s[a] != s[b] ? Float.compare(s[b], s[a]) : Integer.compare(a, b))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    @Override
    public void onStatus(DetectorStatus s) {
        if (s.kind() == DetectorStatus.Kind.STOPPED || s.kind() == DetectorStatus.Kind.FAILED) {
            return; // the command prints the summary (or the error) itself
        }
        err.println("hark listen: " + s.message());
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
