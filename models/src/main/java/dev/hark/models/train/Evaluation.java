package dev.hark.models.train;

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
