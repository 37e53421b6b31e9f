package dev.hark.models.train;

import dev.hark.models.head.Pooling;
import java.util.ArrayList;
import java.util.List;

/**
 * Clip features laid out as the rows of one matrix, as {@code hark embed} writes them: one row per patch
 * ({@link Pooling#NONE}) or one pooled row per clip.
 */
public final class EmbeddingRows {
    /**
     * One row.
     *
     * @param clip the clip it comes from
     * @param patch the patch's index within the clip, or -1 for a pooled row
     * @param startSeconds the patch's start in the clip (0 for a pooled row)
     * @param values the row (a patch's embedding as it was computed, or the pooled values rounded to float32)
     */
    public record Row(ClipFeatures clip, int patch, double startSeconds, float[] values) {
        public boolean pooled() {
            return patch < 0;
        }
    }

    private EmbeddingRows() {
    }

    /** The rows of {@code clips} in order. */
    public static List<Row> of(List<ClipFeatures> clips, Pooling pooling) {
        List<Row> rows = new ArrayList<>();
        for (ClipFeatures c : clips) {
            if (pooling == Pooling.NONE) {
                for (int i = 0; i < c.patches().length; i++) {
                    rows.add(new Row(c, i, c.patchStartSeconds()[i], c.patches()[i]));
                }
            } else {
                double[] v = pooling.pool(c.patches());
                float[] f = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    f[i] = (float) v[i];
                }
                rows.add(new Row(c, -1, 0, f));
            }
        }
        return rows;
    }
}
