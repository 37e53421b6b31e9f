package dev.hark.models.train;

import dev.hark.config.Bounds;
import dev.hark.core.dataset.Clip;
import dev.hark.core.dataset.Dataset;
import dev.hark.errors.BadInputException;
import dev.hark.models.head.Algorithm;
import dev.hark.models.head.Bundle;
import dev.hark.models.head.ClipModel;
import dev.hark.models.head.Pooling;
import dev.hark.models.head.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates classifiers on a labelled data set, the two ways {@code hark evaluate} does: cross-validation of
 * features + algorithm ({@link #plan}, then {@link #crossValidate}), or scoring a trained bundle ({@link
 * #bundleTest}, then {@link BundleTest#score}). Choosing the folds and clips comes first, so that a bad choice is
 * refused before any features are extracted.
 */
public final class Evaluator {
    /** The {@code folds} value that means the data set's own folds (stratified 5 when it has none). */
    public static final String OFFICIAL = "official";
    /** Stratified folds made for a data set without folds of its own. */
    public static final int DEFAULT_STRATIFIED_FOLDS = 5;

    private Evaluator() {
    }

    /**
     * Which folds a cross-validation trains and tests on.
     *
     * @param dataset the data set, with the folds used (its own, or stratified ones made for it)
     * @param trainFolds for one split: the folds trained on; null for leave-one-fold-out over every fold
     * @param testFolds for one split: the folds tested on; null otherwise
     * @param note a line saying how folds were made (e.g. {@code 5 stratified folds, seed 42}), or null
     */
    public record Plan(Dataset dataset, List<Integer> trainFolds, List<Integer> testFolds, String note) {
        public boolean isSplit() {
            return trainFolds != null;
        }

        /** The clips whose features the evaluation needs. */
        public List<Clip> clips() {
            if (!isSplit()) {
                return dataset.clips();
            }
            List<Integer> both = new ArrayList<>(trainFolds);
            both.addAll(testFolds);
            return dataset.clipsInFolds(both);
        }
    }

    /**
     * Chooses the folds of a cross-validation.
     *
     * @param folds {@value #OFFICIAL} (the data set's own folds, else {@value #DEFAULT_STRATIFIED_FOLDS} stratified
     *              ones) or a number K of stratified, seeded folds
     * @param trainFolds with {@code testFolds}: one split instead (e.g. {@code 1-3}); else null
     * @param testFolds with {@code trainFolds}: the folds tested (e.g. {@code 4}); else null
     * @param seed seeds stratified folds
     * @throws BadInputException for a bad or inconsistent choice, naming the option
     */
    public static Plan plan(Dataset ds, String folds, String trainFolds, String testFolds, long seed) {
        if (trainFolds != null || testFolds != null) {
            if (trainFolds == null || testFolds == null) {
                throw new BadInputException("--train-folds and --test-folds go together");
            }
            if (!ds.hasFolds()) {
                throw new BadInputException("--train-folds/--test-folds: " + ds.root() + " has no folds of its own; use "
                        + "--folds K");
            }
            List<Integer> train = Folds.parseIn(ds, trainFolds, "--train-folds");
            List<Integer> test = Folds.parseIn(ds, testFolds, "--test-folds");
            for (int t : test) {
                if (train.contains(t)) {
                    throw new BadInputException("fold " + t + " is in both --train-folds and --test-folds");
                }
            }
            return new Plan(ds, train, test, null);
        }
        if (folds.strip().toLowerCase(Locale.ROOT).equals(OFFICIAL)) {
            if (ds.hasFolds()) {
                return new Plan(ds, null, null, null);
            }
            return new Plan(ds.withStratifiedFolds(DEFAULT_STRATIFIED_FOLDS, seed), null, null,
                    "no official folds: " + DEFAULT_STRATIFIED_FOLDS + " stratified folds, seed " + seed);
        }
        int k;
        try {
            k = Integer.parseInt(folds.strip());
        } catch (NumberFormatException ex) {
            throw new BadInputException("--folds " + folds + ": expected 'official' or a number of folds");
        }
        // every fold must test at least one clip: more folds than clips would quietly run fewer than asked
        Bounds.check("--folds", k, 2, Math.max(2, ds.clips().size()), "at most the number of clips, "
                + ds.clips().size());
        return new Plan(ds.withStratifiedFolds(k, seed), null, null, k + " stratified folds, seed " + seed);
    }

    /**
     * Runs the plan on the clips' features: leave-one-fold-out over every fold (folds side by side on the
     * cores), or the one split, of the heads {@code hark train} writes (background class, calibrated rejection;
     * see {@link CrossValidation#runHeads}).
     */
    public static Evaluation crossValidate(Plan plan, List<ClipFeatures> features, Pooling pooling, Algorithm algorithm,
            Map<String, String> options, long seed) {
        List<String> labels = plan.dataset().labels();
        return plan.isSplit()
                ? CrossValidation.splitHeads(features, labels, plan.trainFolds(), plan.testFolds(), pooling, algorithm,
                        options, seed)
                : CrossValidation.runHeads(features, labels, plan.dataset().folds(), pooling, algorithm, options, seed);
    }

    /**
     * Prepares scoring {@code bundle} on {@code ds}.
     *
     * @param name how errors name the bundle (its file)
     * @param folds the folds to score (e.g. {@code 4}), or null (or {@value #OFFICIAL}) for every clip
     * @throws BadInputException when a data set label is not among the bundle's, or a fold is not the data set's
     */
    public static BundleTest bundleTest(Bundle bundle, String name, Dataset ds, String folds) {
        List<Clip> clips = ds.clips();
        int fold = 0;
        if (folds != null && !folds.strip().equalsIgnoreCase(OFFICIAL)) {
            List<Integer> f = Folds.parseIn(ds, folds, "--folds");
            clips = ds.clipsInFolds(f);
            fold = f.get(0);
        }
        // The bundle's labels must be the data set's (same names); the order may differ. Negatives (a last label
        // 'unknown', see OpenSet) are scored as such.
        int[] toBundle = new int[ds.labels().size()];
        for (int i = 0; i < toBundle.length; i++) {
            toBundle[i] = OpenSet.hasNegatives(ds.labels()) && i == toBundle.length - 1 ? bundle.labels().size()
                    : bundle.labels().indexOf(ds.labels().get(i));
            if (toBundle[i] < 0) {
                throw new BadInputException("data set label '" + ds.labels().get(i) + "' is not among the "
                        + bundle.labels().size() + " labels of " + name);
            }
        }
        return new BundleTest(bundle, clips, fold, toBundle);
    }

    /**
     * A trained bundle about to be scored on some clips of a data set.
     *
     * @param bundle the bundle
     * @param clips the clips to score
     * @param fold the fold number reported (the first fold scored; 0 for all clips)
     * @param toBundleLabel per data set label index, the bundle's index of the same label
     */
    public record BundleTest(Bundle bundle, List<Clip> clips, int fold, int[] toBundleLabel) {
        /**
         * Scores the clips' features with {@code model} (the bundle's graph, loaded for the running features) and
         * the bundle's rejection; the result's labels are the bundle's, then {@value Rejection#UNKNOWN}.
         */
        public Evaluation score(ClipModel model, List<ClipFeatures> features) {
            List<ClipFeatures> mapped = features.stream().map(c -> c.withClip(new Clip(c.clip().path(),
                    c.clip().label(), toBundleLabel[c.clip().labelIndex()], c.clip().fold()))).toList();
            return CrossValidation.testHead(model, bundle.rejection(), mapped, bundle.labels(), fold, 0);
        }
    }
}
