package dev.hark.models.jsonl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.hark.models.pipeline.LabelScore;
import java.util.List;

/**
 * One window: {@code {"type":"window","file":...,"index":3,"start":1.44,"end":2.415,"ran":true,"labels":[...]}}.
 *
 * @param file the file the window comes from ({@code hark classify}); left out when there is none (a device)
 * @param index the window's place on the hop grid (start frame / hop frames)
 * @param start the start of its first sample, seconds
 * @param end the end of its last sample, seconds
 * @param ran false when the activity gate was closed for the whole window (no model ran, no labels)
 * @param padded true when the window was completed with silence (the input was shorter than one window);
 *               left out otherwise
 * @param labels its top labels (raw model labels), highest first
 * @param concepts its top concepts, highest first; left out when none are tracked
 * @param level its sound level in dBFS; left out when not known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "file", "index", "start", "end", "ran", "padded", "labels", "concepts", "level"})
public record WindowLine(String file, long index, double start, double end, boolean ran, Boolean padded,
        List<LabelScore> labels, List<LabelScore> concepts, Double level) {
    /** A window line with labels only. */
    public WindowLine(String file, long index, double start, double end, boolean ran, Boolean padded,
            List<LabelScore> labels) {
        this(file, index, start, end, ran, padded, labels, null, null);
    }

    public WindowLine {
        concepts = concepts == null || concepts.isEmpty() ? null : List.copyOf(concepts);
        level = level == null ? null : Math.round(level * 10) / 10.0;
        start = JsonLines.seconds(start);
        end = JsonLines.seconds(end);
        padded = Boolean.TRUE.equals(padded) ? Boolean.TRUE : null;
        labels = List.copyOf(labels);
    }

    @JsonProperty("type")
    public String type() {
        return "window";
    }
}
