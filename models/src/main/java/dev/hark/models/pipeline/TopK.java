package dev.hark.models.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The highest scores of a window or a clip, highest first; equal scores keep label order (lower index first). */
public final class TopK {
    /** The most labels a {@code --top} may ask for (more than any model has: all of them are shown then). */
    public static final int MAX_K = 1000;

    private TopK() {
    }

    /** Indices of the {@code k} highest of {@code scores} (all of them when {@code k} exceeds their number). */
    public static int[] indices(float[] scores, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> {
            int c = Float.compare(scores[b], scores[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[Math.min(k, idx.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    /** The {@code k} highest scores with their names; {@code labels} name the columns of {@code scores}. */
    public static List<LabelScore> of(float[] scores, List<String> labels, int k) {
        if (labels.size() != scores.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + labels.size() + " labels");
        }
        List<LabelScore> out = new ArrayList<>();
        for (int i : indices(scores, k)) {
            out.add(new LabelScore(labels.get(i), scores[i]));
        }
        return List.copyOf(out);
    }
}
