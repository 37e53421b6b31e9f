package dev.hark.models.train;

import dev.hark.models.head.Algorithm;
import dev.hark.models.head.ClipModel;
import dev.hark.models.head.Pooling;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Trains on some folds and tests on the rest, clip by clip. */
public final class CrossValidation {
    private CrossValidation() {
    }

    /** Leave-one-fold-out over the folds of {@code clips} ({@link dev.hark.core.dataset.Clip#fold()} >= 1). */
    public static Evaluation run(List<ClipFeatures> clips, List<String> labels, List<Integer> folds, Pooling pooling,
            Algorithm algorithm, Map<String, String> options, long seed) {
        // Folds are independent (each trains single-threaded with its own seeded state, except the forest, which
        // is parallel itself): run them side by side on the cores; results are collected in fold order.
        int threads = algorithm == Algorithm.FOREST ? 1 : Math.max(1, Math.min(folds.size(),
                Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hark-fold");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Evaluation>> futures = new ArrayList<>();
            for (int fold : folds) {
                List<Integer> train = folds.stream().filter(f -> f != fold).toList();
                futures.add(pool.submit(() -> split(clips, labels, train, Set.of(fold), pooling, algorithm, options,
                        seed)));
            }
            List<FoldResult> results = new ArrayList<>();
            List<Evaluation.Prediction> predictions = new ArrayList<>();
            for (Future<Evaluation> f : futures) {
                Evaluation e = get(f);
                results.add(e.folds().get(0));
                predictions.addAll(e.predictions());
            }
            return new Evaluation(labels, results, predictions);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Evaluation get(Future<Evaluation> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.hark.errors.HarkException("interrupted during cross-validation", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cross-validation failed: " + e.getCause(), e.getCause());
        }
    }

    /** Trains on {@code trainFolds}, tests on {@code testFolds}: one result (fold number: the first test fold). */
    public static Evaluation split(List<ClipFeatures> clips, List<String> labels, Collection<Integer> trainFolds,
            Collection<Integer> testFolds, Pooling pooling, Algorithm algorithm, Map<String, String> options,
            long seed) {
        List<ClipFeatures> train = clips.stream().filter(c -> trainFolds.contains(c.clip().fold())).toList();
        List<ClipFeatures> test = clips.stream().filter(c -> testFolds.contains(c.clip().fold())).toList();
        ClipModel model = Trainer.trainClipModel(train, pooling, algorithm, options, labels.size(), seed);
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
