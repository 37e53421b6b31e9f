package dev.hark.models.train;

import dev.hark.core.dataset.Clip;
import dev.hark.errors.BadInputException;
import dev.hark.models.head.Algorithm;
import dev.hark.models.head.ClipModel;
import dev.hark.models.head.Pooling;
import dev.hark.models.head.Rejection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Trains a head that can say {@value Rejection#UNKNOWN}: negatives (clips whose label index is {@code labels})
 * and every patch without sound form a background class, and the least probability of the best label is
 * calibrated on held-out clips (cross-validation inside the training clips) to the value that best balances
 * accepting known clips with the right label and rejecting held-out negatives. Without negatives it is
 * {@link #floor}: never near chance.
 */
public final class HeadTrainer {
    /** Folds of the calibration when the clips have fewer than two folds of their own. */
    static final int CALIBRATION_FOLDS = 4;
    static final double STEP = 0.01;

    private HeadTrainer() {
    }

    /**
     * A trained head.
     *
     * @param model the classifier of clips (columns: the labels, then the background if any)
     * @param rejection how it says unknown
     * @param calibration how {@code rejection.minProbability} was chosen, for the bundle's summary
     */
    public record Head(ClipModel model, Rejection rejection, Map<String, Object> calibration) {
    }

    /**
     * The least probability a head demands: one and a half times chance ({@code 1.5 / columns}: 0.5 for three
     * columns, 0.03 for 50 labels and a background). Higher, without negatives to calibrate it on, it would call
     * many right answers of a many-label head unknown (ESC-50's 50 labels at 0.5: 63 % instead of 85 %).
     */
    public static double floor(int columns) {
        return 1.5 / columns;
    }

    /**
     * Trains on {@code clips} with label indices in {@code [0, labels]}, {@code labels} meaning a negative.
     *
     * @param calibrate whether to calibrate the rejection on held-out clips (only when there are negatives)
     */
    public static Head train(List<ClipFeatures> clips, int labels, Pooling pooling, Algorithm algorithm,
            Map<String, String> options, long seed, boolean calibrate) {
        boolean negatives = clips.stream().anyMatch(c -> c.clip().labelIndex() == labels);
        boolean silence = clips.stream().anyMatch(HeadTrainer::hasSilence);
        boolean background = negatives || silence;
        int columns = labels + (background ? 1 : 0);
        int bg = background ? labels : -1;
        if (clips.stream().filter(c -> c.clip().labelIndex() < labels).map(c -> c.clip().labelIndex()).distinct()
                .count() < 1) {
            throw new BadInputException("no clip of any label to train on (only negatives)");
        }
        ClipModel model = Trainer.trainClipModel(clips, pooling, algorithm, options, columns, bg, seed);
        Map<String, Object> how = new HashMap<>();
        double floor = floor(columns);
        double min = floor;
        how.put("background", negatives ? "negatives and patches without sound" : silence ? "patches without sound"
                : "none");
        if (calibrate && negatives) {
            List<double[]> probabilities = new ArrayList<>();
            List<Integer> truths = new ArrayList<>();
            String folds = heldOut(clips, labels, columns, bg, pooling, algorithm, options, seed, probabilities, truths);
            if (folds != null) {
                double best = -1;
                for (double t = floor; t < 1; t += STEP) {
                    double[] rates = rates(probabilities, truths, labels, new Rejection(background, t));
                    double score = (rates[0] + rates[1]) / 2;
                    if (score > best + 1e-12) {
                        best = score;
                        min = Math.round(t * 100) / 100.0;
                    }
                }
                double[] rates = rates(probabilities, truths, labels, new Rejection(background, min));
                how.put("calibratedOn", folds);
                how.put("heldOutKnownAccuracy", rates[0]);
                how.put("heldOutRejectionRate", rates[1]);
            } else {
                how.put("calibratedOn", "too few clips to hold some out: the floor");
            }
        } else {
            how.put("calibratedOn", negatives ? "not calibrated: the floor" : "no negatives: the floor");
        }
        how.put("minProbability", min);
        return new Head(model, new Rejection(background, min), how);
    }

    /**
     * Known-class accuracy (known clips given their label; unknown counts as wrong) and rejection rate (negatives
     * said unknown) of {@code rejection} on held-out probabilities.
     */
    static double[] rates(List<double[]> probabilities, List<Integer> truths, int labels, Rejection rejection) {
        int known = 0;
        int right = 0;
        int negatives = 0;
        int rejected = 0;
        for (int i = 0; i < truths.size(); i++) {
            int d = rejection.decide(probabilities.get(i), labels);
            if (truths.get(i) == labels) {
                negatives++;
                rejected += d == labels ? 1 : 0;
            } else {
                known++;
                right += d == truths.get(i) ? 1 : 0;
            }
        }
        return new double[] {known == 0 ? 0 : right / (double) known, negatives == 0 ? 0 : rejected / (double) negatives};
    }

    /** Fills held-out probabilities by cross-validation; returns how the folds were made, or null if impossible. */
    private static String heldOut(List<ClipFeatures> clips, int labels, int columns, int bg, Pooling pooling,
            Algorithm algorithm, Map<String, String> options, long seed, List<double[]> probabilities,
            List<Integer> truths) {
        TreeSet<Integer> own = new TreeSet<>(clips.stream().map(c -> c.clip().fold()).toList());
        int[] fold = new int[clips.size()];
        String how;
        if (own.size() >= 2 && own.first() >= 1) {
            for (int i = 0; i < fold.length; i++) {
                fold[i] = clips.get(i).clip().fold();
            }
            how = own.size() + " folds of the training clips";
        } else {
            // stratified by label; the copies of a clip over noise (the same file) stay in its fold
            Map<Integer, Integer> seen = new HashMap<>();
            Map<Path, Integer> foldOfFile = new HashMap<>();
            for (int i = 0; i < fold.length; i++) {
                Clip c = clips.get(i).clip();
                fold[i] = foldOfFile.computeIfAbsent(c.path(),
                        p -> (seen.merge(c.labelIndex(), 1, Integer::sum) - 1) % CALIBRATION_FOLDS + 1);
            }
            how = CALIBRATION_FOLDS + " stratified folds of the training clips";
        }
        TreeSet<Integer> folds = new TreeSet<>();
        for (int f : fold) {
            folds.add(f);
        }
        if (folds.size() < 2) {
            return null;
        }
        for (int f : folds) {
            List<ClipFeatures> train = new ArrayList<>();
            List<ClipFeatures> test = new ArrayList<>();
            for (int i = 0; i < fold.length; i++) {
                (fold[i] == f ? test : train).add(clips.get(i));
            }
            ClipModel m;
            try {
                m = Trainer.trainClipModel(train, pooling, algorithm, options, columns, bg, seed);
            } catch (BadInputException tooFew) {
                return null;
            }
            for (ClipFeatures c : test) {
                probabilities.add(m.clipPosteriors(Trainer.judgedPatches(c)));
                truths.add(c.clip().labelIndex());
            }
        }
        return how;
    }

    private static boolean hasSilence(ClipFeatures c) {
        for (int p = 0; p < c.patches().length; p++) {
            if (!c.sounding(p, PatchLevels.SILENCE_DBFS)) {
                return true;
            }
        }
        return false;
    }
}
