package dev.hark.models.train;

import dev.hark.errors.BadInputException;
import dev.hark.models.head.Algorithm;
import dev.hark.models.head.ClipModel;
import dev.hark.models.head.Pooling;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The few-data curve: for each {@code n}, train on {@code n} clips per label drawn at random and test on the rest
 * (or on fixed test folds), {@code repeats} times with different seeded draws. A draw depends only on the seed,
 * {@code n}, the repeat and the clips' files (not on the features), so every feature set is trained on the same
 * clips and the curves compare like with like. A test clip is judged on its patches with sound ({@link
 * Trainer#judgedPatches}), as {@code evaluate} judges one.
 */
public final class FewShot {
    private FewShot() {
    }

    /**
     * The curve's inputs.
     *
     * @param shots the numbers of examples per label, each at least 1
     * @param repeats draws per number, at least 1
     * @param testFolds the folds tested on (training draws from the other folds); null: test on every clip not
     *                  drawn
     * @param seed seeds the draws (and the training)
     */
    public record Plan(List<Integer> shots, int repeats, List<Integer> testFolds, long seed) {
        public Plan {
            shots = List.copyOf(shots);
            testFolds = testFolds == null ? null : List.copyOf(testFolds);
        }
    }

    /**
     * One training and test.
     *
     * @param shots examples per label trained on
     * @param repeat which draw, from 0
     * @param accuracy on the test clips
     * @param trainClips clips trained on
     * @param testClips clips tested
     */
    public record Run(int shots, int repeat, double accuracy, int trainClips, int testClips) {
    }

    /** The curve of one feature set: every run, in order of shots and repeat. */
    public record Curve(List<Run> runs) {
        public Curve {
            runs = List.copyOf(runs);
        }

        /** The accuracies of the runs with {@code shots} examples per label. */
        public double[] accuracies(int shots) {
            return runs.stream().filter(r -> r.shots() == shots).mapToDouble(Run::accuracy).toArray();
        }

        public double mean(int shots) {
            return java.util.Arrays.stream(accuracies(shots)).average().orElse(Double.NaN);
        }

        /** Population standard deviation over the repeats (0 for one repeat). */
        public double std(int shots) {
            double[] a = accuracies(shots);
            double m = mean(shots);
            return Math.sqrt(java.util.Arrays.stream(a).map(x -> (x - m) * (x - m)).average().orElse(Double.NaN));
        }
    }

    /**
     * Checks that every label has enough clips to draw the largest {@code n} from (and, testing on the rest, one
     * left to test), before any feature is extracted.
     *
     * @param clips the data set's clips (their labels index {@code labelNames})
     * @throws BadInputException naming the label that has too few
     */
    public static void check(Plan plan, List<dev.hark.core.dataset.Clip> clips, List<String> labelNames) {
        int most = Collections.max(plan.shots());
        int[] pool = new int[labelNames.size()];
        for (dev.hark.core.dataset.Clip c : clips) {
            if (plan.testFolds() == null || !plan.testFolds().contains(c.fold())) {
                pool[c.labelIndex()]++;
            }
        }
        int need = plan.testFolds() == null ? most + 1 : most;
        for (int i = 0; i < pool.length; i++) {
            if (pool[i] < need) {
                throw new BadInputException("--shots " + most + ": label '" + labelNames.get(i) + "' has only "
                        + pool[i] + " clips to draw from" + (plan.testFolds() == null
                                ? " (it needs " + need + ": " + most + " to train on, one left to test)"
                                : " outside the test folds " + plan.testFolds()));
            }
        }
    }

    /** Runs the plan on one feature set's clips; the runs go side by side on the cores. */
    public static Curve run(Plan plan, List<ClipFeatures> clips, int numLabels, Pooling pooling, Algorithm algorithm,
            Map<String, String> options) {
        Map<Integer, List<ClipFeatures>> pool = new TreeMap<>();
        List<ClipFeatures> fixedTest = new ArrayList<>();
        List<ClipFeatures> sorted = new ArrayList<>(clips);
        sorted.sort(Comparator.comparing(c -> c.clip().path().toString()));
        for (ClipFeatures c : sorted) {
            if (plan.testFolds() != null && plan.testFolds().contains(c.clip().fold())) {
                fixedTest.add(c);
            } else {
                pool.computeIfAbsent(c.clip().labelIndex(), x -> new ArrayList<>()).add(c);
            }
        }
        int threads = algorithm == Algorithm.FOREST ? 1 : Runtime.getRuntime().availableProcessors();
        ExecutorService exec = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hark-shots");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Run>> futures = new ArrayList<>();
            for (int n : plan.shots()) {
                for (int r = 0; r < plan.repeats(); r++) {
                    int shots = n;
                    int repeat = r;
                    futures.add(exec.submit(() -> once(plan, pool, fixedTest, shots, repeat, numLabels, pooling,
                            algorithm, options)));
                }
            }
            List<Run> runs = new ArrayList<>();
            for (Future<Run> f : futures) {
                runs.add(get(f));
            }
            return new Curve(runs);
        } finally {
            exec.shutdownNow();
        }
    }

    private static Run once(Plan plan, Map<Integer, List<ClipFeatures>> pool, List<ClipFeatures> fixedTest, int n,
            int repeat, int numLabels, Pooling pooling, Algorithm algorithm, Map<String, String> options) {
        Random random = new Random(plan.seed() * 1_000_003L + n * 7919L + repeat);
        List<ClipFeatures> train = new ArrayList<>();
        List<ClipFeatures> test = new ArrayList<>(fixedTest);
        for (List<ClipFeatures> members : pool.values()) {
            List<ClipFeatures> shuffled = new ArrayList<>(members);
            Collections.shuffle(shuffled, random);
            int take = Math.min(n, shuffled.size());
            train.addAll(shuffled.subList(0, take));
            if (plan.testFolds() == null) {
                test.addAll(shuffled.subList(take, shuffled.size()));
            }
        }
        ClipModel model = Trainer.trainClipModel(train, pooling, algorithm, options, numLabels, plan.seed());
        int correct = 0;
        for (ClipFeatures c : test) {
            // judged on its patches with sound, as a head's evaluation judges a clip (silent ones trained nothing)
            if (ClipModel.argmax(model.clipPosteriors(Trainer.judgedPatches(c))) == c.clip().labelIndex()) {
                correct++;
            }
        }
        return new Run(n, repeat, test.isEmpty() ? 0 : correct / (double) test.size(), train.size(), test.size());
    }

    private static Run get(Future<Run> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.hark.errors.HarkException("interrupted during the few-shot runs", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("few-shot run failed: " + e.getCause(), e.getCause());
        }
    }
}
