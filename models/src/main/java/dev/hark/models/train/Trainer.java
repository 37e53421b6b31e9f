package dev.hark.models.train;

import dev.hark.models.head.Algorithm;
import dev.hark.models.head.ClipModel;
import dev.hark.models.head.FittedClassifier;
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
 * (whose trees have their own seeds) runs on one thread, so the same call twice gives the same model bit for bit.
 */
public final class Trainer {
    private Trainer() {
    }

    /**
     * Trains {@code algorithm} with validated {@code options} (see {@link Algorithm#options}) on rows {@code x} with
     * label indices {@code y} in {@code [0, numLabels)}.
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
                    features.schema());
        }
        Classifier<double[]> model = onOneThread(() -> {
            MathEx.setSeed(seed);
            return fitVectorModel(algorithm, options, xs, yc, k, seed);
        });
        return new FittedClassifier(algorithm, options, numLabels, width, std, present, model, null, null);
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
                    int[] pm = Arrays.stream(y).map(v -> v == 1 ? 1 : -1).toArray();
                    return SVM.fit(x, pm, kernel, c, tol, epochs);
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

    /** Runs {@code task} so that Smile's parallel streams inside it use one thread (bit-for-bit repeatable sums). */
    private static <T> T onOneThread(java.util.concurrent.Callable<T> task) {
        ForkJoinPool pool = new ForkJoinPool(1);
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

    /** Trains on {@code clips} (label indices in {@code [0, numLabels)}). */
    public static ClipModel trainClipModel(List<ClipFeatures> clips, Pooling pooling, Algorithm algorithm,
            Map<String, String> options, int numLabels, long seed) {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (ClipFeatures c : clips) {
            if (pooling == Pooling.NONE) {
                for (float[] p : c.patches()) {
                    rows.add(ClipModel.toDouble(p));
                    labels.add(c.clip().labelIndex());
                }
            } else {
                rows.add(pooling.pool(c.patches()));
                labels.add(c.clip().labelIndex());
            }
        }
        FittedClassifier fc = fit(algorithm, options, rows.toArray(double[][]::new),
                labels.stream().mapToInt(i -> i).toArray(), numLabels, seed);
        return new ClipModel(pooling, fc);
    }

}
