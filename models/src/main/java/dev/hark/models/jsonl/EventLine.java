package dev.hark.models.jsonl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.hark.core.events.DetectionEvent;
import java.time.Instant;

/**
 * An event: {@code {"type":"onset","label":"Dog","score":0.46,"time":5.295,"start":4.32,"end":5.295,
 * "wallclock":"..."}}; an offset adds {@code "duration"}.
 *
 * @param type {@code onset} or {@code offset}
 * @param label the label
 * @param score the onset's best window score, or the event's peak for an offset (float32)
 * @param time when the line was decided (end of the deciding window), seconds on the stream's timeline
 * @param start start of the first window above the threshold
 * @param end end of the last window above it
 * @param duration {@code end - start}, offsets only (left out for onsets)
 * @param wallclock the wall-clock time the event was written (ISO-8601, UTC)
 * @param sources the model labels that made the event (a concept's classes at or above its threshold, highest
 *        first); left out when it is only the label itself
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "label", "score", "time", "start", "end", "duration", "wallclock", "sources"})
public record EventLine(String type, String label, float score, double time, double start, double end, Double duration,
        String wallclock, java.util.List<String> sources) {
    /** A line without sources. */
    public EventLine(String type, String label, float score, double time, double start, double end, Double duration,
            String wallclock) {
        this(type, label, score, time, start, end, duration, wallclock, null);
    }

    public EventLine {
        sources = sources == null || sources.equals(java.util.List.of(label)) ? null : java.util.List.copyOf(sources);
        time = JsonLines.seconds(time);
        start = JsonLines.seconds(start);
        end = JsonLines.seconds(end);
        duration = duration == null ? null : JsonLines.seconds(duration);
    }

    /** The line for {@code e}, stamped with {@code now}. */
    public static EventLine of(DetectionEvent e, Instant now) {
        boolean offset = e.type() == DetectionEvent.Type.OFFSET;
        return new EventLine(e.type().jsonName(), e.label(), (float) e.score(), e.timeSeconds(), e.startSeconds(),
                e.endSeconds(), offset ? e.durationSeconds() : null, now.toString(), e.sources());
    }
}
