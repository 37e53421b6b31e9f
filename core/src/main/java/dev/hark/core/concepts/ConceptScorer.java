package dev.hark.core.concepts;

import dev.hark.config.OnsetRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a window's label scores into concept scores. A concept's score is the <b>maximum</b> of its classes'
 * scores (a class implies its ancestors, so the best-scoring member is the evidence; a maximum, unlike a sum,
 * does not grow with the number of related classes that fire together). A level concept's score is the
 * window's level above the noise floor on the scale of {@link LevelMeter#score}.
 */
public final class ConceptScorer {
    private final List<String> labels;
    private final List<Concept> concepts;

    /** @param labels the classifier's labels (the columns of the score rows) */
    public ConceptScorer(List<String> labels, List<Concept> concepts) {
        this.labels = List.copyOf(labels);
        this.concepts = List.copyOf(concepts);
    }

    public List<Concept> concepts() {
        return concepts;
    }

    public List<String> names() {
        return concepts.stream().map(Concept::name).toList();
    }

    /** The concepts' onset rules, in order (null where a concept follows the general rule). */
    public OnsetRule[] onsets() {
        return concepts.stream().map(Concept::onset).toArray(OnsetRule[]::new);
    }

    /** The concepts' thresholds, in order. */
    public double[] thresholds() {
        return concepts.stream().mapToDouble(Concept::threshold).toArray();
    }

    /**
     * One score per concept; {@code labelScores} null (the gate skipped the window) gives null.
     *
     * @param levelScore the window's level score for level concepts (ignored by the others)
     */
    public float[] score(float[] labelScores, float levelScore) {
        if (labelScores == null) {
            return null;
        }
        float[] out = new float[concepts.size()];
        for (int i = 0; i < out.length; i++) {
            Concept c = concepts.get(i);
            if (c.level()) {
                out[i] = levelScore;
                continue;
            }
            float best = 0f;
            for (int col : c.columns()) {
                best = Math.max(best, labelScores[col]);
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * The labels that made concept {@code i} in this window: its classes scoring at or above its threshold (at
     * least its best class), with their scores.
     */
    public Map<String, Float> sources(int i, float[] labelScores) {
        Concept c = concepts.get(i);
        Map<String, Float> out = new LinkedHashMap<>();
        if (c.level()) {
            out.put("level", 1f);
            return out;
        }
        int best = c.columns()[0];
        for (int col : c.columns()) {
            if (labelScores[col] >= c.threshold()) {
                out.put(labels.get(col), labelScores[col]);
            }
            if (labelScores[col] > labelScores[best]) {
                best = col;
            }
        }
        out.putIfAbsent(labels.get(best), labelScores[best]);
        return out;
    }
}
