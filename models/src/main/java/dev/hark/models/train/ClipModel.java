package dev.hark.models.train;

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

    ClipModel(Pooling pooling, FittedClassifier classifier) {
        this.pooling = pooling;
        this.classifier = classifier;
    }

    public Pooling pooling() {
        return pooling;
    }

    public FittedClassifier classifier() {
        return classifier;
    }

    /** Trains on {@code clips} (label indices in {@code [0, numLabels)}). */
    public static ClipModel train(List<ClipFeatures> clips, Pooling pooling, Algorithm algorithm,
            Map<String, String> options, int numLabels, long seed) {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (ClipFeatures c : clips) {
            if (pooling == Pooling.NONE) {
                for (float[] p : c.patches()) {
                    rows.add(toDouble(p));
                    labels.add(c.clip().labelIndex());
                }
            } else {
                rows.add(pooling.pool(c.patches()));
                labels.add(c.clip().labelIndex());
            }
        }
        FittedClassifier fc = Trainer.fit(algorithm, options, rows.toArray(double[][]::new),
                labels.stream().mapToInt(i -> i).toArray(), numLabels, seed);
        return new ClipModel(pooling, fc);
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

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
