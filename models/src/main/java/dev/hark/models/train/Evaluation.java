package dev.hark.models.train;

import dev.hark.models.head.Rejection;
import java.util.List;

/**
 * Cross-validation (or one train/test split) results.
 *
 * @param labels label names (confusion matrix order)
 * @param folds one result per test fold
 * @param predictions every test clip with its true and predicted label, in test order
 */
public record Evaluation(List<String> labels, List<FoldResult> folds, List<Prediction> predictions) {
    /** One tested clip. */
    public record Prediction(String file, int fold, int trueLabel, int predictedLabel, double confidence) {
    }

    /** Mean over folds of the per-fold accuracy. */
    public double meanAccuracy() {
        return folds.stream().mapToDouble(FoldResult::accuracy).average().orElse(0);
    }

    /** Population standard deviation over folds of the per-fold accuracy (0 for one fold). */
    public double stdAccuracy() {
        double m = meanAccuracy();
        return Math.sqrt(folds.stream().mapToDouble(f -> (f.accuracy() - m) * (f.accuracy() - m)).average().orElse(0));
    }

    /** Whether the last label is {@value Rejection#UNKNOWN}: the evaluation of a head that can reject. */
    public boolean openSet() {
        return OpenSet.hasNegatives(labels);
    }

    /** Share of the clips of known labels given their label (said unknown counts as wrong); NaN if none. */
    public double knownAccuracy() {
        int[][] c = confusion();
        int n = openSet() ? labels.size() - 1 : labels.size();
        long right = 0;
        long total = 0;
        for (int i = 0; i < n; i++) {
            right += c[i][i];
            for (int v : c[i]) {
                total += v;
            }
        }
        return total == 0 ? Double.NaN : right / (double) total;
    }

    /** Share of the known clips said unknown; NaN if none or not open-set. */
    public double knownRejected() {
        if (!openSet()) {
            return Double.NaN;
        }
        int[][] c = confusion();
        int u = labels.size() - 1;
        long rejected = 0;
        long total = 0;
        for (int i = 0; i < u; i++) {
            rejected += c[i][u];
            for (int v : c[i]) {
                total += v;
            }
        }
        return total == 0 ? Double.NaN : rejected / (double) total;
    }

    /** Negatives tested (clips of none of the labels). */
    public int negativesTested() {
        return openSet() ? java.util.Arrays.stream(confusion()[labels.size() - 1]).sum() : 0;
    }

    /** Share of the negatives said unknown; NaN if none were tested. */
    public double rejectionRate() {
        int n = negativesTested();
        return n == 0 ? Double.NaN : confusion()[labels.size() - 1][labels.size() - 1] / (double) n;
    }

    /** Summed confusion {@code [true][predicted]} over all folds. */
    public int[][] confusion() {
        int n = labels.size();
        int[][] c = new int[n][n];
        for (FoldResult f : folds) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    c[i][j] += f.confusion()[i][j];
                }
            }
        }
        return c;
    }

    /** Per label: correct / tested over all folds (NaN for a label never tested). */
    public double[] perClassAccuracy() {
        int[][] c = confusion();
        double[] a = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            int total = 0;
            for (int v : c[i]) {
                total += v;
            }
            a[i] = total == 0 ? Double.NaN : c[i][i] / (double) total;
        }
        return a;
    }
}
