package dev.hark.app;

import dev.hark.models.train.Evaluation;
import dev.hark.models.train.FoldResult;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * An {@link Evaluation} in the words of {@code hark evaluate}: every fold, the mean, the open-set figures, per-class
 * accuracy; also what {@code hark-spark evaluate} prints, so the two cannot drift apart.
 */
public final class EvaluationReport {
    private EvaluationReport() {
    }

    public static void print(Evaluation ev, PrintWriter o) {
        for (FoldResult f : ev.folds()) {
            // fold 0: a bundle scored on every clip of a data set without folds
            o.printf(Locale.ROOT, "%s: %.2f %% (%d/%d%s)%n",
                    f.fold() == 0 ? "all clips" : "fold " + f.fold(), 100 * f.accuracy(), f.correct(), f.testClips(),
                    f.trainClips() > 0 ? "; trained on " + f.trainClips() + " clips" : "");
        }
        if (ev.folds().size() > 1) {
            o.printf(Locale.ROOT, "mean accuracy %.2f %% +- %.2f %% (std over %d folds)%n", 100 * ev.meanAccuracy(),
                    100 * ev.stdAccuracy(), ev.folds().size());
        } else {
            o.printf(Locale.ROOT, "accuracy %.2f %%%n", 100 * ev.meanAccuracy());
        }
        if (ev.openSet() || !Double.isNaN(ev.knownRejected())) {
            o.printf(Locale.ROOT, "known-class accuracy %.2f %% (%.2f %% of known clips said unknown)%n",
                    100 * ev.knownAccuracy(), 100 * ev.knownRejected());
            if (ev.negativesTested() > 0) {
                o.printf(Locale.ROOT, "held-out negatives said unknown: %.2f %% (%d clips)%n", 100 * ev.rejectionRate(),
                        ev.negativesTested());
            }
        }
        o.println("per-class accuracy:");
        double[] pc = ev.perClassAccuracy();
        int[][] c = ev.confusion();
        int width = ev.labels().stream().mapToInt(String::length).max().orElse(5);
        for (int i = 0; i < pc.length; i++) {
            int n = java.util.Arrays.stream(c[i]).sum();
            if (n == 0) {
                continue;
            }
            o.printf(Locale.ROOT, "  %-" + width + "s %6.1f %% (%d/%d)%n", ev.labels().get(i), 100 * pc[i], c[i][i], n);
        }
        o.flush();
    }
}
