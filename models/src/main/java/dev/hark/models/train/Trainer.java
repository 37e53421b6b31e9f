package dev.hark.models.train;

import dev.hark.models.head.Algorithm;
import dev.hark.models.head.ClipModel;
import dev.hark.models.head.FittedClassifier;
import dev.hark.models.head.PlattSvm;
import dev.hark.models.head.Pooling;
import dev.hark.models.head.Standardizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.LongStream;
import smile.base.cart.SplitRule;
import smile.base.mlp.Layer;
import smile.base.mlp.OutputFunction;
import smile.classification.Classifier;
import smile.classification.KNN;
import smile.classification.LogisticRegression;
import smile.classification.MLP;
import smile.classification.OneVersusRest;
import smile.classification.RandomForest;
import smile.classification.SVM;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;
import smile.math.MathEx;
import smile.math.TimeFunction;
import smile.math.distance.Distance;
import smile.math.distance.EuclideanDistance;
import smile.math.kernel.GaussianKernel;
import smile.math.kernel.LinearKernel;
import smile.math.kernel.MercerKernel;

/**
 * Fits a {@link FittedClassifier}. Every source of randomness is seeded, and everything but the random forest
 * (whose trees have their own seeds) runs in a pool of {@value #FIT_THREADS} threads, so the same call twice gives
 * the same model bit for bit, on any machine: a parallel stream splits its range into {@code 4 * parallelism} leaves
 * of the pool it runs in (not of the machine), and sums them in that fixed tree whichever thread ran a leaf.
 */
public final class Trainer {
    /**
     * The threads of Smile's parallel sums (logistic regression's loss and gradient; Smile's MLP has none): fixed, not
     * the machine's cores, since the sums' order follows it; on two cores a logistic head trains about twice as fast
     * as on one thread.
     */
    static final int FIT_THREADS = 4;

    private Trainer() {
    }

    /**
     * Trains {@code algorithm} with validated {@code options} (see {@link Algorithm#options}) on rows {@code x} with
     * column indices {@code y} in {@code [0, numLabels)} (the labels, then the background class if there is one).
     */
    public static FittedClassifier fit(Algorithm algorithm, Map<String, String> options, double[][] x, int[] y,
            int numLabels, long seed) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("need as many labels as rows (and at least one), got " + x.length
                    + " rows, " + y.length + " labels");
        }
        // Smile wants classes 0..m-1, all present: map the labels present in training onto that range.
        int[] present = new TreeSet<>(Arrays.stream(y).boxed().toList()).stream().mapToInt(i -> i).toArray();
        if (present.length < 2) {
            throw new dev.hark.errors.BadInputException("training data holds only one label ("
                    + present.length + "): need at least two");
        }
        int[] labelToClass = new int[numLabels];
        Arrays.fill(labelToClass, -1);
        for (int c = 0; c < present.length; c++) {
            labelToClass[present[c]] = c;
        }
        int[] yc = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            yc[i] = labelToClass[y[i]];
        }
        int width = x[0].length;
        Standardizer std = algorithm.standardises() ? Standardizer.fit(x, Integer.parseInt(options.getOrDefault("pca", "0"))) : null;
        double[][] xs = std == null ? x : std.apply(x);
        int k = present.length;
        if (algorithm == Algorithm.FOREST) {
            String[] names = new String[width];
            for (int j = 0; j < width; j++) {
                names[j] = "x" + j;
            }
            DataFrame features = DataFrame.of(xs, names);
            DataFrame df = features.merge(IntVector.of("y", yc));
            int trees = Integer.parseInt(options.get("trees"));
            int mtry = Integer.parseInt(options.get("mtry"));
            int maxNodes = Integer.parseInt(options.get("max_nodes"));
            RandomForest rf = RandomForest.fit(Formula.lhs("y"), df, trees,
                    mtry == 0 ? (int) Math.floor(Math.sqrt(width)) : Math.min(mtry, width), SplitRule.GINI,
                    Integer.parseInt(options.get("max_depth")), maxNodes == 0 ? Math.max(2, xs.length / 5) : maxNodes,
                    Integer.parseInt(options.get("node_size")), Double.parseDouble(options.get("subsample")), null,
                    LongStream.range(0, trees).map(t -> seed * 1_000_003L + t));
            return new FittedClassifier(algorithm, options, numLabels, width, null, present, null, rf,
                    features.schema(), null, null);
        }
        Classifier<double[]> model = inFixedPool(() -> {
            MathEx.setSeed(seed);
            return fitVectorModel(algorithm, options, xs, yc, k, seed);
        });
        boolean knn = algorithm == Algorithm.KNN;
        return new FittedClassifier(algorithm, options, numLabels, width, std, present, model, null, null,
                knn ? xs : null, knn ? yc : null);
    }

    private static Classifier<double[]> fitVectorModel(Algorithm algorithm, Map<String, String> o, double[][] x,
            int[] y, int k, long seed) {
        switch (algorithm) {
            case LOGISTIC:
                return LogisticRegression.fit(x, y, Double.parseDouble(o.get("lambda")),
                        Double.parseDouble(o.get("tolerance")), Integer.parseInt(o.get("iterations")));
            case SVM: {
                MercerKernel<double[]> kernel = o.get("kernel").equals("gaussian")
                        ? new GaussianKernel(Double.parseDouble(o.get("sigma"))) : new LinearKernel();
                double c = Double.parseDouble(o.get("c"));
                double tol = Double.parseDouble(o.get("tolerance"));
                int epochs = Integer.parseInt(o.get("epochs"));
                if (k == 2) {
                    // Smile's binary SVM predicts -1/+1 and no probabilities: Platt-scale it into classes 0/1
                    return PlattSvm.fit(x, y, kernel, c, tol, epochs);
                }
                return OneVersusRest.fit(x, y, (xi, yi) -> {
                    MathEx.setSeed(seed);
                    return SVM.fit(xi, yi, kernel, c, tol, epochs);
                });
            }
            case KNN: {
                int neighbours = Math.min(Integer.parseInt(o.get("k")), x.length);
                Distance<double[]> d = o.get("distance").equals("cosine") ? new CosineDistance() : new EuclideanDistance();
                return KNN.fit(x, y, neighbours, d);
            }
            case MLP: {
                int p = x[0].length;
                MLP net = new MLP(Layer.input(p), Layer.rectifier(Integer.parseInt(o.get("hidden"))),
                        Layer.mle(k, OutputFunction.SOFTMAX));
                net.setLearningRate(TimeFunction.constant(Double.parseDouble(o.get("learning_rate"))));
                net.setMomentum(TimeFunction.constant(Double.parseDouble(o.get("momentum"))));
                net.setWeightDecay(Double.parseDouble(o.get("weight_decay")));
                int epochs = Integer.parseInt(o.get("epochs"));
                int batch = Integer.parseInt(o.get("batch"));
                Random random = new Random(seed);
                int[] order = new int[x.length];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                for (int e = 0; e < epochs; e++) {
                    for (int i = order.length - 1; i > 0; i--) {
                        int j = random.nextInt(i + 1);
                        int t = order[i];
                        order[i] = order[j];
                        order[j] = t;
                    }
                    for (int s = 0; s < order.length; s += batch) {
                        int n = Math.min(batch, order.length - s);
                        double[][] xb = new double[n][];
                        int[] yb = new int[n];
                        for (int i = 0; i < n; i++) {
                            xb[i] = x[order[s + i]];
                            yb[i] = y[order[s + i]];
                        }
                        net.update(xb, yb);
                    }
                }
                return net;
            }
            default:
                throw new IllegalStateException("not a vector model: " + algorithm);
        }
    }

    /**
     * Runs {@code task} so that Smile's parallel streams inside it run in a pool of {@link #FIT_THREADS} threads
     * (bit-for-bit repeatable sums, the same on every machine).
     */
    private static <T> T inFixedPool(java.util.concurrent.Callable<T> task) {
        ForkJoinPool pool = new ForkJoinPool(FIT_THREADS);
        try {
            return pool.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("training failed: " + c, c);
        } finally {
            pool.shutdown();
        }
    }

    /** {@code 1 - cos(a, b)}; zero vectors are at distance 1 from everything. */
    static final class CosineDistance implements Distance<double[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public double d(double[] a, double[] b) {
            double ab = 0;
            double aa = 0;
            double bb = 0;
            for (int i = 0; i < a.length; i++) {
                ab += a[i] * b[i];
                aa += a[i] * a[i];
                bb += b[i] * b[i];
            }
            return aa == 0 || bb == 0 ? 1 : 1 - ab / Math.sqrt(aa * bb);
        }

        @Override
        public String toString() {
            return "cosine distance";
        }
    }

    /**
     * Trains on {@code clips} (label indices in {@code [0, numLabels)}); patches without sound (see {@link
     * PatchLevels}) are left out.
     */
    public static ClipModel trainClipModel(List<ClipFeatures> clips, Pooling pooling, Algorithm algorithm,
            Map<String, String> options, int numLabels, long seed) {
        return trainClipModel(clips, pooling, algorithm, options, numLabels, -1, seed);
    }

    /**
     * Trains on {@code clips} (column indices in {@code [0, columns)}). Patches without sound (see {@link
     * PatchLevels}) go to column {@code background}, or are left out when it is -1: a clip's label never stands for
     * the silence it was padded with. With pooling, a clip gives a row of its sounding patches and one of its
     * silent ones.
     */
    public static ClipModel trainClipModel(List<ClipFeatures> clips, Pooling pooling, Algorithm algorithm,
            Map<String, String> options, int columns, int background, long seed) {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (ClipFeatures c : clips) {
            List<float[]> sounding = new ArrayList<>();
            List<float[]> silent = new ArrayList<>();
            for (int p = 0; p < c.patches().length; p++) {
                (c.sounding(p, PatchLevels.SILENCE_DBFS) ? sounding : silent).add(c.patches()[p]);
            }
            add(rows, labels, sounding, c.clip().labelIndex(), pooling);
            if (background >= 0) {
                add(rows, labels, silent, background, pooling);
            }
        }
        if (rows.isEmpty()) {
            throw new dev.hark.errors.BadInputException("no training clip has a patch with sound (every patch is "
                    + "below " + PatchLevels.SILENCE_DBFS + " dBFS)");
        }
        FittedClassifier fc = fit(algorithm, options, rows.toArray(double[][]::new),
                labels.stream().mapToInt(i -> i).toArray(), columns, seed);
        return new ClipModel(pooling, fc);
    }

    private static void add(List<double[]> rows, List<Integer> labels, List<float[]> patches, int label,
            Pooling pooling) {
        if (patches.isEmpty()) {
            return;
        }
        if (pooling == Pooling.NONE) {
            for (float[] p : patches) {
                rows.add(ClipModel.toDouble(p));
                labels.add(label);
            }
        } else {
            rows.add(pooling.pool(patches.toArray(float[][]::new)));
            labels.add(label);
        }
    }

    /** The patches a clip is judged on: those with sound, or all of them when none has (the head then decides). */
    public static float[][] judgedPatches(ClipFeatures c) {
        List<float[]> sounding = new ArrayList<>();
        for (int p = 0; p < c.patches().length; p++) {
            if (c.sounding(p, PatchLevels.SILENCE_DBFS)) {
                sounding.add(c.patches()[p]);
            }
        }
        return sounding.isEmpty() ? c.patches() : sounding.toArray(float[][]::new);
    }
}
