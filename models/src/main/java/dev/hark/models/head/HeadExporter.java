package dev.hark.models.head;

import dev.hark.errors.BadInputException;
import dev.hark.models.onnx.OnnxGraphBuilder;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import smile.base.mlp.Layer;
import smile.base.mlp.MultilayerPerceptron;
import smile.base.svm.KernelMachine;
import smile.classification.Classifier;
import smile.classification.LogisticRegression;
import smile.classification.MLP;
import smile.classification.OneVersusRest;
import smile.classification.PlattScaling;
import smile.math.kernel.GaussianKernel;
import smile.math.kernel.LinearKernel;

/**
 * Writes a {@link FittedClassifier} as an ONNX graph (opset {@value OnnxGraphBuilder#OPSET}, standard operators
 * only, all in float64): input {@value #INPUT} {@code [N, width]}, output {@value #OUTPUT} {@code [N, columns]}.
 * Standardisation and PCA are Sub/Mul/MatMul; logistic regression MatMul/Add/Softmax; the MLP its layers (MatMul,
 * Add, Relu, Softmax); the SVM its kernel on the support vectors, then Platt scaling (Sigmoid) and normalisation;
 * k-NN the distances to the stored training rows, TopK and a vote. A random forest is refused.
 */
public final class HeadExporter {
    public static final String INPUT = "rows";
    public static final String OUTPUT = "probabilities";

    private HeadExporter() {
    }

    /** Whether {@code a} can be exported; the refusal {@code train} gives before any work, else null. */
    public static String refusal(Algorithm a) {
        return a == Algorithm.FOREST ? "--algorithm forest: a random forest cannot be saved as an ONNX head (Hark "
                + "writes heads as standard ONNX operators); use it with 'hark evaluate', or train logistic, svm, "
                + "knn or mlp" : null;
    }

    /** The ONNX model bytes of {@code c}. */
    public static byte[] export(FittedClassifier c, String docString) {
        String why = refusal(c.algorithm());
        if (why != null) {
            throw new BadInputException(why);
        }
        OnnxGraphBuilder g = new OnnxGraphBuilder("hark_head");
        g.doubleInput(INPUT, -1, c.width());
        String x = INPUT;
        Standardizer s = c.standardizer();
        if (s != null) {
            long[] w = {1, c.width()};
            x = g.node("Sub", List.of(x, g.doubles("mean", w, s.mean())), "centred");
            x = g.node("Mul", List.of(x, g.doubles("scale", w, s.scale())), "standardised");
            if (s.projection() != null) {
                x = g.node("MatMul", List.of(x, g.doubles("pca", transpose(s.projection()))), "projected");
            }
        }
        Classifier<double[]> m = c.vectorModel();
        String classes;
        if (m instanceof LogisticRegression.Binomial b) {
            classes = binomial(g, x, b.coefficients());
        } else if (m instanceof LogisticRegression.Multinomial mn) {
            classes = multinomial(g, x, mn.coefficients());
        } else if (m instanceof MLP mlp) {
            classes = mlp(g, x, mlp);
        } else if (m instanceof PlattSvm p) {
            classes = svm(g, x, List.of(p.svm()), List.of(p.platt()), true);
        } else if (m instanceof OneVersusRest<double[]> ovr) {
            Classifier<?>[] binary = (Classifier<?>[]) field(OneVersusRest.class, ovr, "classifiers");
            PlattScaling[] platt = (PlattScaling[]) field(OneVersusRest.class, ovr, "platt");
            List<KernelMachine<double[]>> machines = new java.util.ArrayList<>();
            for (Classifier<?> b : binary) {
                @SuppressWarnings("unchecked")
                KernelMachine<double[]> k = (KernelMachine<double[]>) b;
                machines.add(k);
            }
            classes = svm(g, x, machines, List.of(platt), false);
        } else if (c.algorithm() == Algorithm.KNN) {
            classes = knn(g, x, c.knnRows(), c.knnClasses(), c.classToLabel().length,
                    Integer.parseInt(c.options().get("k")), "cosine".equals(c.options().get("distance")));
        } else {
            throw new IllegalStateException("no ONNX export for " + m.getClass().getName());
        }
        int[] toLabel = c.classToLabel();
        double[][] map = new double[toLabel.length][c.columns()];
        for (int k = 0; k < toLabel.length; k++) {
            map[k][toLabel[k]] = 1;
        }
        g.node("MatMul", List.of(classes, g.doubles("class_to_column", map)), OUTPUT);
        g.doubleOutput(OUTPUT, -1, c.columns());
        return g.model("1", docString, Map.of()).toByteArray();
    }

    /** Smile's binomial model: {@code P(1) = sigmoid(w.x + b)}, as a softmax over logits {@code [0, w.x + b]}. */
    private static String binomial(OnnxGraphBuilder g, String x, double[] w) {
        int p = w.length - 1;
        double[][] weights = new double[p][2];
        for (int j = 0; j < p; j++) {
            weights[j][1] = w[j];
        }
        return logits(g, x, weights, new double[] {0, w[p]});
    }

    /** Smile's multinomial model: logits {@code w_i.x + b_i} for the first k-1 classes, 0 for the last. */
    private static String multinomial(OnnxGraphBuilder g, String x, double[][] w) {
        int k = w.length + 1;
        int p = w[0].length - 1;
        double[][] weights = new double[p][k];
        double[] bias = new double[k];
        for (int i = 0; i < k - 1; i++) {
            for (int j = 0; j < p; j++) {
                weights[j][i] = w[i][j];
            }
            bias[i] = w[i][p];
        }
        return logits(g, x, weights, bias);
    }

    private static String logits(OnnxGraphBuilder g, String x, double[][] weights, double[] bias) {
        String z = g.node("MatMul", List.of(x, g.doubles("logit_weights", weights)), "logits_unbiased");
        z = g.node("Add", List.of(z, g.doubles("logit_bias", new long[] {bias.length}, bias)), "logits");
        return g.node("Softmax", List.of(z), "class_probabilities", Map.of("axis", 1L));
    }

    /** Smile's MLP: every layer {@code W x + b}, ReLU between, softmax (or one sigmoid unit) at the end. */
    private static String mlp(OnnxGraphBuilder g, String x, MLP mlp) {
        Layer[] net = (Layer[]) field(MultilayerPerceptron.class, mlp, "net");
        Layer output = (Layer) field(MultilayerPerceptron.class, mlp, "output");
        List<Layer> layers = new java.util.ArrayList<>();
        for (Layer l : net) {
            if (!l.getClass().getSimpleName().equals("InputLayer")) {
                layers.add(l);
            }
        }
        if (layers.isEmpty() || layers.get(layers.size() - 1) != output) {
            layers.add(output);
        }
        String h = x;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            smile.math.matrix.Matrix w = (smile.math.matrix.Matrix) field(Layer.class, l, "weight");
            double[] b = (double[]) field(Layer.class, l, "bias");
            h = g.node("MatMul", List.of(h, g.doubles("w" + i, transpose(w.toArray()))), "z" + i + "_unbiased");
            h = g.node("Add", List.of(h, g.doubles("b" + i, new long[] {b.length}, b)), "z" + i);
            if (l != output) {
                String act = ((smile.base.mlp.ActivationFunction) field(smile.base.mlp.HiddenLayer.class, l,
                        "activation")).name();
                if (!act.toLowerCase(java.util.Locale.ROOT).contains("relu")
                        && !act.toLowerCase(java.util.Locale.ROOT).contains("rectifier")) {
                    throw new IllegalStateException("no ONNX export for hidden activation " + act);
                }
                h = g.node("Relu", List.of(h), "h" + i);
            }
        }
        if (output.getOutputSize() == 1) {
            String zero = g.node("Sub", List.of(h, h), "zero_logit");
            h = g.node("Concat", List.of(zero, h), "binary_logits", Map.of("axis", 1L));
        }
        return g.node("Softmax", List.of(h), "class_probabilities", Map.of("axis", 1L));
    }

    /**
     * Kernel machines {@code f_i(x) = b_i + sum_j w_ij k(x, v_ij)} (linear kernel folded into one weight vector,
     * gaussian kernel on all support vectors), then {@code p_i = 1 / (1 + exp(alpha_i f_i + beta_i))}; two
     * classes from one machine ({@code [1 - p, p]}) or one-versus-rest normalised to sum 1.
     */
    private static String svm(OnnxGraphBuilder g, String x, List<KernelMachine<double[]>> machines,
            List<PlattScaling> platt, boolean binary) {
        int m = machines.size();
        double[] bias = new double[m];
        double[] alpha = new double[m];
        double[] beta = new double[m];
        for (int i = 0; i < m; i++) {
            bias[i] = machines.get(i).intercept();
            alpha[i] = (double) field(PlattScaling.class, platt.get(i), "alpha");
            beta[i] = (double) field(PlattScaling.class, platt.get(i), "beta");
        }
        String f;
        if (machines.get(0).kernel() instanceof LinearKernel) {
            int p = machines.get(0).vectors()[0].length;
            double[][] w = new double[p][m];
            for (int i = 0; i < m; i++) {
                double[][] v = machines.get(i).vectors();
                double[] a = machines.get(i).weights();
                for (int s = 0; s < v.length; s++) {
                    for (int j = 0; j < p; j++) {
                        w[j][i] += a[s] * v[s][j];
                    }
                }
            }
            f = g.node("MatMul", List.of(x, g.doubles("svm_weights", w)), "svm_scores_unbiased");
        } else if (machines.get(0).kernel() instanceof GaussianKernel gk) {
            int total = 0;
            for (KernelMachine<double[]> k : machines) {
                total += k.vectors().length;
            }
            int p = machines.get(0).vectors()[0].length;
            double[][] vt = new double[p][total];
            double[] vv = new double[total];
            double[][] a = new double[total][m];
            int s = 0;
            for (int i = 0; i < m; i++) {
                double[][] v = machines.get(i).vectors();
                double[] w = machines.get(i).weights();
                for (int r = 0; r < v.length; r++, s++) {
                    for (int j = 0; j < p; j++) {
                        vt[j][s] = v[r][j];
                        vv[s] += v[r][j] * v[r][j];
                    }
                    a[s][i] = w[r];
                }
            }
            String d2 = squaredDistances(g, x, vt, vv);
            double sigma = gk.scale();
            String e = g.node("Mul", List.of(d2, g.doubles("minus_half_gamma", new long[] {1},
                    new double[] {-0.5 / (sigma * sigma)})), "kernel_exponent");
            String k = g.node("Exp", List.of(e), "kernel");
            f = g.node("MatMul", List.of(k, g.doubles("svm_weights", a)), "svm_scores_unbiased");
        } else {
            throw new IllegalStateException("no ONNX export for kernel " + machines.get(0).kernel());
        }
        f = g.node("Add", List.of(f, g.doubles("svm_bias", new long[] {m}, bias)), "svm_scores");
        for (int i = 0; i < m; i++) {
            alpha[i] = -alpha[i];
            beta[i] = -beta[i];
        }
        String z = g.node("Mul", List.of(f, g.doubles("platt_minus_alpha", new long[] {m}, alpha)), "platt_scaled");
        z = g.node("Add", List.of(z, g.doubles("platt_minus_beta", new long[] {m}, beta)), "platt_logits");
        String p = g.node("Sigmoid", List.of(z), "platt_probabilities");
        if (binary) {
            String rest = g.node("Sub", List.of(g.doubles("one", new long[] {1}, new double[] {1}), p), "platt_rest");
            return g.node("Concat", List.of(rest, p), "class_probabilities", Map.of("axis", 1L));
        }
        String sum = g.node("ReduceSum", List.of(p, g.longs("sum_axes", new long[] {1})), "platt_sum",
                Map.of("keepdims", 1L));
        return g.node("Div", List.of(p, sum), "class_probabilities");
    }

    /** {@code ||x||^2 - 2 x.v + ||v||^2}, clamped at 0, for the columns {@code v} of {@code vt [p][M]}. */
    private static String squaredDistances(OnnxGraphBuilder g, String x, double[][] vt, double[] vv) {
        String xx = g.node("ReduceSum", List.of(g.node("Mul", List.of(x, x), "x_squared"),
                g.longs("x_axes", new long[] {1})), "x_norm2", Map.of("keepdims", 1L));
        String xv = g.node("MatMul", List.of(x, g.doubles("vectors_t", vt)), "x_dot_v");
        String minus2 = g.node("Mul", List.of(xv, g.doubles("minus_two", new long[] {1}, new double[] {-2})),
                "minus_2_x_dot_v");
        String d = g.node("Add", List.of(g.node("Add", List.of(minus2, xx), "partial_distance"),
                g.doubles("v_norm2", new long[] {vv.length}, vv)), "raw_distance2");
        return g.node("Max", List.of(d, g.doubles("zero", new long[] {1}, new double[] {0})), "distance2");
    }

    /**
     * k-NN: the {@code k} nearest training rows (euclidean: smallest squared distance; cosine: largest cosine
     * of unit rows, a zero row being at cosine 0 from everything) and the share of each class among them.
     */
    private static String knn(OnnxGraphBuilder g, String x, double[][] rows, int[] classes, int m, int k,
            boolean cosine) {
        int n = rows.length;
        int p = rows[0].length;
        double[][] vt = new double[p][n];
        double[] vv = new double[n];
        for (int s = 0; s < n; s++) {
            double norm = 0;
            for (int j = 0; j < p; j++) {
                norm += rows[s][j] * rows[s][j];
            }
            double scale = cosine ? (norm > 0 ? 1 / Math.sqrt(norm) : 0) : 1;
            for (int j = 0; j < p; j++) {
                vt[j][s] = rows[s][j] * scale;
            }
            vv[s] = norm;
        }
        String closeness;
        if (cosine) {
            String xx = g.node("ReduceSum", List.of(g.node("Mul", List.of(x, x), "x_squared"),
                    g.longs("x_axes", new long[] {1})), "x_norm2", Map.of("keepdims", 1L));
            String norm = g.node("Max", List.of(g.node("Sqrt", List.of(xx), "x_norm"),
                    g.doubles("tiny", new long[] {1}, new double[] {Double.MIN_NORMAL})), "x_norm_safe");
            String unit = g.node("Div", List.of(x, norm), "x_unit");
            closeness = g.node("MatMul", List.of(unit, g.doubles("vectors_t", vt)), "cosines");
        } else {
            closeness = g.node("Neg", List.of(squaredDistances(g, x, vt, vv)), "minus_distance2");
        }
        int kk = Math.min(k, n);
        g.node("TopK", List.of(closeness, g.longs("k", new long[] {kk})), List.of("nearest_values", "nearest"),
                Map.of("axis", 1L, "largest", 1L, "sorted", 1L));
        double[][] oneHot = new double[n][m];
        for (int s = 0; s < n; s++) {
            oneHot[s][classes[s]] = 1;
        }
        String votes = g.node("Gather", List.of(g.doubles("row_classes", oneHot), "nearest"), "votes",
                Map.of("axis", 0L));
        // each vote weighs 1/k inside the MatMul: a constant factor after it would be fused by ONNX Runtime's
        // optimiser into the MatMul's float32 alpha (3 * (float) (1/3) = 1.00000003)
        double[] share = new double[kk];
        java.util.Arrays.fill(share, 1.0 / kk);
        String summed = g.node("MatMul", List.of(g.doubles("vote_share", new long[] {1, kk}, share), votes),
                "vote_sums");
        return g.node("Reshape", List.of(summed, g.longs("vote_shape", new long[] {-1, m})), "class_probabilities");
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** A private field of a Smile model that has no accessor (read once, at export). */
    private static Object field(Class<?> owner, Object o, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + owner.getSimpleName() + "." + name + " to export it", e);
        }
    }
}
