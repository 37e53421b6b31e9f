package dev.hark.models.pipeline;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One label with its score, as the top-K lists of windows, clip summaries and JSON lines give them.
 *
 * @param label the label's name
 * @param score its score (the model's float32 value)
 */
@JsonPropertyOrder({"label", "score"})
public record LabelScore(String label, float score) {
}
