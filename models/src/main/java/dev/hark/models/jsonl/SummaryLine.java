package dev.hark.models.jsonl;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.hark.models.pipeline.LabelScore;
import java.util.List;

/**
 * A clip's summary after its windows:
 * {@code {"type":"summary","file":...,"duration":5.001,"windows":9,"padded":false,"labels":[...]}}.
 *
 * @param file the clip
 * @param duration its length in seconds (before any padding)
 * @param windows how many windows it had
 * @param padded whether it was padded with silence to one window
 * @param labels its top labels by the mean score over its windows, highest first
 */
@JsonPropertyOrder({"type", "file", "duration", "windows", "padded", "labels"})
public record SummaryLine(String file, double duration, int windows, boolean padded, List<LabelScore> labels) {
    public SummaryLine {
        labels = List.copyOf(labels);
    }

    @JsonProperty("type")
    public String type() {
        return "summary";
    }
}
