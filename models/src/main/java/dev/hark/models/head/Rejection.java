package dev.hark.models.head;

/**
 * How a head says "none of these": a window or clip is {@value #UNKNOWN} when the background class (trained on
 * negatives and on patches without sound) is at least as likely as the best label, or when the best label's
 * probability is below {@code minProbability}.
 *
 * @param background whether the head's last probability column is a background class
 * @param minProbability the least probability of the best label for it to be said, in [0, 1]
 */
public record Rejection(boolean background, double minProbability) {
    /** What a rejected window or clip is called (no data set label may be called so). */
    public static final String UNKNOWN = dev.hark.core.dataset.DatasetFolder.UNKNOWN;

    public Rejection {
        if (!(minProbability >= 0 && minProbability <= 1)) {
            throw new IllegalArgumentException("minProbability must be in [0, 1], got " + minProbability);
        }
    }

    /** Probability columns of a head with {@code labels} labels. */
    public int columns(int labels) {
        return labels + (background ? 1 : 0);
    }

    /** The label index decided from probabilities {@code p} over {@link #columns}, or {@code labels} for unknown. */
    public int decide(double[] p, int labels) {
        int best = 0;
        for (int i = 1; i < labels; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        if (background && p[labels] >= p[best]) {
            return labels;
        }
        return p[best] < minProbability ? labels : best;
    }

    /** The labels' scores for a window: their probabilities, or all 0 when the window is rejected. */
    public float[] labelScores(double[] p, int labels) {
        float[] out = new float[labels];
        if (decide(p, labels) < labels) {
            for (int i = 0; i < labels; i++) {
                out[i] = (float) p[i];
            }
        }
        return out;
    }
}
