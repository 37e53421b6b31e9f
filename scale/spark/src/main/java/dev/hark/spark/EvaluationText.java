package dev.hark.spark;

import dev.hark.models.train.Evaluation;
import dev.hark.models.train.FoldResult;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;

/** Prints an {@link Evaluation} in the words of {@code hark evaluate}: every fold, the mean, per-class accuracy. */
final class EvaluationText {
    private EvaluationText() {
    }

    static void print(Evaluation ev, PrintWriter o) {
        for (FoldResult f : ev.folds()) {
            o.printf(Locale.ROOT, "fold %s: %.2f %% (%d/%d%s)%n",
                    f.fold() == 0 ? "-" : Integer.toString(f.fold()), 100 * f.accuracy(), f.correct(), f.testClips(),
                    f.trainClips() > 0 ? "; trained on " + f.trainClips() + " clips" : "");
        }
        if (ev.folds().size() > 1) {
            o.printf(Locale.ROOT, "mean accuracy %.2f %% +- %.2f %% (std over %d folds)%n", 100 * ev.meanAccuracy(),
                    100 * ev.stdAccuracy(), ev.folds().size());
        } else {
            o.printf(Locale.ROOT, "accuracy %.2f %%%n", 100 * ev.meanAccuracy());
        }
        o.println("per-class accuracy:");
        double[] pc = ev.perClassAccuracy();
        int[][] c = ev.confusion();
        int width = ev.labels().stream().mapToInt(String::length).max().orElse(5);
        for (int i = 0; i < pc.length; i++) {
            int n = Arrays.stream(c[i]).sum();
            if (n > 0) {
                o.printf(Locale.ROOT, "  %-" + width + "s %6.1f %% (%d/%d)%n", ev.labels().get(i), 100 * pc[i], c[i][i],
                        n);
            }
        }
        o.flush();
    }
}
