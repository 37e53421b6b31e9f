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
 * @param labels its top labels, highest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "file", "index", "start", "end", "ran", "padded", "labels"})
public record WindowLine(String file, long index, double start, double end, boolean ran, Boolean padded,
        List<LabelScore> labels) {
    public WindowLine {
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
