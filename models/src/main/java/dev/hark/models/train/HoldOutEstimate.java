package dev.hark.models.train;

import dev.hark.core.dataset.Clip;
import dev.hark.core.dataset.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well a head trained on few clips will do, estimated by training more heads with clips held out: one clip at
 * a time up to {@value #MAX_LEAVE_ONE_OUT} clips, else {@value #FOLDS} stratified folds in turn. What
 * {@code hark teach --train} prints after training.
 *
 * @param evaluation the held-out predictions, or null when there was none (a class with fewer than 2 clips)
 * @param leaveOneOut whether each head left out one clip (else folds)
 * @param lines what it found, in words
 */
public record HoldOutEstimate(Evaluation evaluation, boolean leaveOneOut, List<String> lines) {
    /** Above this many clips the estimate holds out folds of clips instead of one clip at a time. */
    public static final int MAX_LEAVE_ONE_OUT = 60;
    public static final int FOLDS = 10;

    public HoldOutEstimate {
        lines = List.copyOf(lines);
    }

    /** Clips given the right answer (their label, or unknown for a negative), of those held out; NaN if none. */
    public double accuracy() {
        if (evaluation == null || evaluation.predictions().isEmpty()) {
            return Double.NaN;
        }
        int right = 0;
        for (Evaluation.Prediction p : evaluation.predictions()) {
            right += p.trueLabel() == p.predictedLabel() ? 1 : 0;
        }
        return right / (double) evaluation.predictions().size();
    }

    /** Estimates the head {@code t} trained on {@code ds} as {@link BundleTraining#train} did. */
    public static HoldOutEstimate of(Dataset ds, TrainedBundle t) {
        List<ClipFeatures> clips = t.features().clips();
        int[] perClass = new int[t.classes().size()];
        for (ClipFeatures c : clips) {
            if (c.clip().labelIndex() < perClass.length) {
                perClass[c.clip().labelIndex()]++;
            }
        }
        for (int i = 0; i < perClass.length; i++) {
            if (perClass[i] < 2) {
                return new HoldOutEstimate(null, false, List.of("estimate: none: '" + t.classes().get(i) + "' has "
                        + perClass[i] + " example" + (perClass[i] == 1 ? "" : "s")
                        + "; holding one out needs at least 2 of every sound"));
            }
        }
        HeadRecipe recipe = t.recipe();
        boolean oneByOne = clips.size() <= MAX_LEAVE_ONE_OUT;
        List<ClipFeatures> folded = new ArrayList<>();
        if (oneByOne) {
            for (int i = 0; i < clips.size(); i++) {
                Clip c = clips.get(i).clip();
                folded.add(clips.get(i).withClip(new Clip(c.path(), c.label(), c.labelIndex(), i + 1)));
            }
        } else {
            Dataset byFold = Dataset.of(ds.root(), ds.layout(), ds.labels(), clips.stream().map(ClipFeatures::clip)
                    .toList()).withStratifiedFolds(FOLDS, recipe.seed());
            for (int i = 0; i < clips.size(); i++) {
                folded.add(clips.get(i).withClip(byFold.clips().get(i)));
            }
        }
        List<Integer> folds = folded.stream().map(c -> c.clip().fold()).distinct().sorted().toList();
        Evaluation e = CrossValidation.runHeads(folded, ds.labels(), folds, t.settings().pooling(),
                recipe.algorithm(), recipe.options(), recipe.seed());
        int right = 0;
        for (Evaluation.Prediction p : e.predictions()) {
            right += p.trueLabel() == p.predictedLabel() ? 1 : 0;
        }
        int n = e.predictions().size();
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "estimate (%s): %d of %d clips right (%.1f %%)", oneByOne
                ? "leave-one-out: " + n + " heads, each trained without one clip and tested on it"
                : FOLDS + " folds held out in turn", right, n, 100.0 * right / n));
        int known = n - e.negativesTested();
        out.add(String.format(Locale.ROOT, "  sounds given their label: %.1f %% of %d (%.1f %% said unknown)",
                100 * e.knownAccuracy(), known, 100 * e.knownRejected()));
        if (e.negativesTested() > 0) {
            out.add(String.format(Locale.ROOT, "  background rejected (said unknown): %.1f %% of %d",
                    100 * e.rejectionRate(), e.negativesTested()));
        } else {
            out.add("  background rejected: not estimated, none recorded (hark teach --background)");
        }
        if (n < 20) {
            out.add(String.format(Locale.ROOT, "  (from %d clips: one clip is %.0f %%, so take these as rough)", n,
                    100.0 / n));
        }
        return new HoldOutEstimate(e, oneByOne, out);
    }
}
