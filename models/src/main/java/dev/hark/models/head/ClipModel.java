package dev.hark.models.head;

/**
 * A classifier of clips: the pooling that turns a clip's patch embeddings into rows, and the classifier of those
 * rows (the Smile model while training, the bundle's ONNX graph once saved). With {@link Pooling#NONE} every
 * patch is a row, and a clip's probabilities are the mean of its patches' (clip-level voting).
 */
public final class ClipModel {
    private final Pooling pooling;
    private final RowClassifier classifier;

    /** A classifier of rows pooled from patches as {@code pooling} says. */
    public ClipModel(Pooling pooling, RowClassifier classifier) {
        this.pooling = pooling;
        this.classifier = classifier;
    }

    public Pooling pooling() {
        return pooling;
    }

    public RowClassifier classifier() {
        return classifier;
    }

    /** Probabilities over all columns for a whole clip given its patch embeddings {@code [P][D]}. */
    public double[] clipPosteriors(float[][] patches) {
        if (pooling != Pooling.NONE) {
            return classifier.posteriors(pooling.pool(patches));
        }
        double[][] rows = new double[patches.length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = toDouble(patches[i]);
        }
        double[][] q = classifier.posteriors(rows);
        double[] sum = new double[classifier.columns()];
        for (double[] p : q) {
            for (int l = 0; l < sum.length; l++) {
                sum[l] += p[l];
            }
        }
        for (int l = 0; l < sum.length; l++) {
            sum[l] /= patches.length;
        }
        return sum;
    }

    /** Probabilities for each window's embedding (each window a clip of one patch), in one run. */
    public double[][] windowPosteriors(float[][] embeddings) {
        double[][] rows = new double[embeddings.length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = pooling == Pooling.NONE ? toDouble(embeddings[i])
                    : pooling.pool(new float[][] {embeddings[i]});
        }
        return classifier.posteriors(rows);
    }

    public static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    public static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
