package dev.hark.models.train;

import dev.hark.models.head.Algorithm;
import dev.hark.models.head.ClipModel;
import dev.hark.models.head.Pooling;
import dev.hark.models.head.Rejection;
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
        return leaveOneOut(folds, algorithm, fold -> split(clips, labels, folds.stream().filter(f -> f != fold).toList(),
                Set.of(fold), pooling, algorithm, options, seed));
    }

    /**
     * Leave-one-fold-out of the heads {@code hark train} writes ({@link HeadTrainer}: background class, calibrated
     * rejection): {@code labels} are the data set's, a last {@value Rejection#UNKNOWN} marking negatives. The
     * result's labels are the classes then {@value Rejection#UNKNOWN}.
     */
    public static Evaluation runHeads(List<ClipFeatures> clips, List<String> labels, List<Integer> folds,
            Pooling pooling, Algorithm algorithm, Map<String, String> options, long seed) {
        return leaveOneOut(folds, algorithm, fold -> splitHeads(clips, labels,
                folds.stream().filter(f -> f != fold).toList(), Set.of(fold), pooling, algorithm, options, seed));
    }

    /** As {@link #runHeads} for one split: trains on {@code trainFolds}, tests on {@code testFolds}. */
    public static Evaluation splitHeads(List<ClipFeatures> clips, List<String> labels, Collection<Integer> trainFolds,
            Collection<Integer> testFolds, Pooling pooling, Algorithm algorithm, Map<String, String> options,
            long seed) {
        List<String> classes = OpenSet.classes(labels);
        List<ClipFeatures> train = clips.stream().filter(c -> trainFolds.contains(c.clip().fold())).toList();
        List<ClipFeatures> test = clips.stream().filter(c -> testFolds.contains(c.clip().fold())).toList();
        HeadTrainer.Head h = HeadTrainer.train(train, classes.size(), pooling, algorithm, options, seed, true);
        return testHead(h.model(), h.rejection(), test, classes, testFolds.iterator().next(), train.size());
    }

    /**
     * Scores {@code test} (label indices in {@code [0, classes.size()]}, the last meaning a negative) with a head
     * and its rejection: each clip is judged on its patches with sound. The result's labels are {@code classes}
     * then {@value Rejection#UNKNOWN}; a known clip said unknown is wrong, a negative said unknown right.
     */
    public static Evaluation testHead(ClipModel model, Rejection rejection, List<ClipFeatures> test,
            List<String> classes, int fold, int trainClips) {
        int n = classes.size();
        List<String> labels = new java.util.ArrayList<>(classes);
        labels.add(Rejection.UNKNOWN);
        int[][] confusion = new int[n + 1][n + 1];
        int correct = 0;
        List<Evaluation.Prediction> predictions = new ArrayList<>();
        for (ClipFeatures c : test) {
            double[] p = model.clipPosteriors(Trainer.judgedPatches(c));
            int predicted = rejection.decide(p, n);
            int truth = Math.min(c.clip().labelIndex(), n);
            confusion[truth][predicted]++;
            correct += predicted == truth ? 1 : 0;
            double confidence = predicted < n ? p[predicted] : rejection.background() ? p[n] : 0;
            predictions.add(new Evaluation.Prediction(c.clip().path().toString(), c.clip().fold(), truth, predicted,
                    confidence));
        }
        return new Evaluation(labels, List.of(new FoldResult(fold, trainClips, test.size(), correct, confusion)),
                predictions);
    }

    private static Evaluation leaveOneOut(List<Integer> folds, Algorithm algorithm,
            java.util.function.IntFunction<Evaluation> oneFold) {
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
                futures.add(pool.submit(() -> oneFold.apply(fold)));
            }
            List<FoldResult> results = new ArrayList<>();
            List<Evaluation.Prediction> predictions = new ArrayList<>();
            List<String> labels = null;
            for (Future<Evaluation> f : futures) {
                Evaluation e = get(f);
                labels = e.labels();
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

    /**
     * Scores {@code test} with a trained model, each clip on its patches with sound ({@link Trainer#judgedPatches}).
     */
    public static Evaluation test(ClipModel model, List<ClipFeatures> test, List<String> labels, int fold,
            int trainClips) {
        int n = labels.size();
        int[][] confusion = new int[n][n];
        int correct = 0;
        List<Evaluation.Prediction> predictions = new ArrayList<>();
        for (ClipFeatures c : test) {
            double[] p = model.clipPosteriors(Trainer.judgedPatches(c));
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
