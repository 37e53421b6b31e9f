package dev.hark.models.train;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Trains on some folds and tests on the rest, clip by clip. */
public final class CrossValidation {
    private CrossValidation() {
    }

    /** Leave-one-fold-out over the folds of {@code clips} ({@link dev.hark.core.dataset.Clip#fold()} >= 1). */
    public static Evaluation run(List<ClipFeatures> clips, List<String> labels, List<Integer> folds, Pooling pooling,
            Algorithm algorithm, Map<String, String> options, long seed) {
        List<FoldResult> results = new ArrayList<>();
        List<Evaluation.Prediction> predictions = new ArrayList<>();
        for (int fold : folds) {
            List<Integer> train = folds.stream().filter(f -> f != fold).toList();
            Evaluation e = split(clips, labels, train, Set.of(fold), pooling, algorithm, options, seed);
            results.add(new FoldResult(fold, e.folds().get(0).trainClips(), e.folds().get(0).testClips(),
                    e.folds().get(0).correct(), e.folds().get(0).confusion()));
            predictions.addAll(e.predictions());
        }
        return new Evaluation(labels, results, predictions);
    }

    /** Trains on {@code trainFolds}, tests on {@code testFolds}: one result (fold number: the first test fold). */
    public static Evaluation split(List<ClipFeatures> clips, List<String> labels, Collection<Integer> trainFolds,
            Collection<Integer> testFolds, Pooling pooling, Algorithm algorithm, Map<String, String> options,
            long seed) {
        List<ClipFeatures> train = clips.stream().filter(c -> trainFolds.contains(c.clip().fold())).toList();
        List<ClipFeatures> test = clips.stream().filter(c -> testFolds.contains(c.clip().fold())).toList();
        ClipModel model = ClipModel.train(train, pooling, algorithm, options, labels.size(), seed);
        return test(model, test, labels, testFolds.iterator().next(), train.size());
    }

    /** Scores {@code test} with a trained model. */
    public static Evaluation test(ClipModel model, List<ClipFeatures> test, List<String> labels, int fold,
            int trainClips) {
        int n = labels.size();
        int[][] confusion = new int[n][n];
        int correct = 0;
        List<Evaluation.Prediction> predictions = new ArrayList<>();
        for (ClipFeatures c : test) {
            double[] p = model.clipPosteriors(c.patches());
            int predicted = ClipModel.argmax(p);
            int truth = c.clip().labelIndex();
            confusion[truth][predicted]++;
            if (predicted == truth) {
                correct++;
            }
            predictions.add(new Evaluation.Prediction(c.clip().path().toString(), c.clip().fold(), truth, predicted,
                    p[predicted]));
        }
        return new Evaluation(labels, List.of(new FoldResult(fold, trainClips, test.size(), correct, confusion)),
                predictions);
    }
}
