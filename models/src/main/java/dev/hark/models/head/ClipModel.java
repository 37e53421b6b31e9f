package dev.hark.models.head;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A classifier of clips: the pooling that turns a clip's patch embeddings into rows, and the classifier of those
 * rows. With {@link Pooling#NONE} every patch is a row labelled with its clip's label, and a clip's probabilities
 * are the mean of its patches' (clip-level voting).
 */
public final class ClipModel implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Pooling pooling;
    private final FittedClassifier classifier;

    /** A fitted classifier of rows pooled from patches as {@code pooling} says. */
    public ClipModel(Pooling pooling, FittedClassifier classifier) {
        this.pooling = pooling;
        this.classifier = classifier;
    }

    public Pooling pooling() {
        return pooling;
    }

    public FittedClassifier classifier() {
        return classifier;
    }

    /** Probabilities over all labels for a whole clip given its patch embeddings {@code [P][D]}. */
    public double[] clipPosteriors(float[][] patches) {
        if (pooling != Pooling.NONE) {
            return classifier.posteriors(pooling.pool(patches));
        }
        double[] sum = new double[classifier.numLabels()];
        for (float[] p : patches) {
            double[] q = classifier.posteriors(toDouble(p));
            for (int l = 0; l < sum.length; l++) {
                sum[l] += q[l];
            }
        }
        for (int l = 0; l < sum.length; l++) {
            sum[l] /= patches.length;
        }
        return sum;
    }

    /** Probabilities for one window's embedding (a clip of one patch). */
    public double[] windowPosteriors(float[] embedding) {
        return clipPosteriors(new float[][] {embedding});
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
