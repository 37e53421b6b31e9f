package dev.hark.importers.yamnet;

import ai.onnx.proto.OnnxMl;
import dev.hark.errors.ModelException;
import dev.hark.models.onnx.OnnxGraphBuilder;
import dev.hark.importers.tflite.TfliteFile;
import dev.hark.importers.tflite.TfliteNetwork;
import dev.hark.importers.tflite.TfliteOps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.BuiltinOperator;

/**
 * Maps the operators of a {@link TfliteNetwork} to an ONNX graph. TFLite activations are NHWC, ONNX
 * convolutions NCHW: four-dimensional values are kept in NCHW, weights are transposed once (OHWI -> OIHW,
 * depthwise {@code [1,H,W,C*M]} -> {@code [C*M,1,H,W]} with {@code group = C}), reductions and reshapes
 * translate their axes, and a dense layer on a 4-D value flattens it in TFLite's NHWC order.
 * TensorFlow SAME padding becomes explicit (possibly asymmetric) pads computed from the input size.
 */
final class YamnetOnnx {
    static final String INPUT = "log_mel_patch";
    static final String SCORES = "scores";
    static final String EMBEDDING = "embedding";

    /** An ONNX value standing for a TFLite tensor; {@code nchw} when a 4-D NHWC tensor is held as NCHW. */
    private record Value(String name, boolean nchw) {
    }

    private final TfliteNetwork net;
    private final TfliteFile f;
    private final OnnxGraphBuilder g = new OnnxGraphBuilder("yamnet");
    private final Map<Integer, Value> values = new HashMap<>();
    private String clipMin6;
    private String clipMax6;
    private String clipMin1;
    private String clipMax1;

    private YamnetOnnx(TfliteNetwork net) {
        this.net = net;
        this.f = net.file;
    }

    static OnnxMl.ModelProto build(TfliteNetwork net, String producerVersion, Map<String, String> metadata) {
        return new YamnetOnnx(net).build(producerVersion, metadata);
    }

    private OnnxMl.ModelProto build(String producerVersion, Map<String, String> metadata) {
        g.input(INPUT, -1, TfliteNetwork.FRAMES, TfliteNetwork.BANDS);
        String x = g.node("Unsqueeze", List.of(INPUT, g.longs("channel_axis", new long[] {1})), "patch_nchw");
        values.put(net.patch, new Value(x, true));
        for (TfliteFile.Op op : net.ops) {
            emit(op);
        }
        g.node("Identity", List.of(plain2d(net.scores)), SCORES);
        g.node("Identity", List.of(plain2d(net.embedding)), EMBEDDING);
        g.output(SCORES, -1, net.classes());
        g.output(EMBEDDING, -1, net.embeddingSize());
        return g.model(producerVersion, "YAMNet (Google, AudioSet, Apache-2.0) imported by hark models import-yamnet;"
                + " input: YAMNet log-mel patches (log offset 0.001), outputs: sigmoid class scores and the"
                + " global-average-pooled embedding", metadata);
    }

    private String plain2d(int tensor) {
        Value v = value(tensor);
        if (v.nchw() || f.tensor(tensor).shape().length != 2) {
            return g.node("Flatten", List.of(v.nchw() ? toNhwc(v.name()) : v.name()), v.name() + "_flat",
                    Map.of("axis", 1L));
        }
        return v.name();
    }

    private Value value(int tensor) {
        Value v = values.get(tensor);
        if (v == null) {
            throw new ModelException(f.file() + ": tensor " + f.tensor(tensor).describe() + " is used before it is computed");
        }
        return v;
    }

    private static String name(int tensor) {
        return "t" + tensor;
    }

    /** Constant weights of {@code tensor}, through a DEQUANTIZE of a constant if there is one. */
    private float[] weights(int tensor) {
        TfliteFile.TensorInfo info = f.tensor(tensor);
        if (info.constant()) {
            return f.constantFloats(tensor);
        }
        TfliteFile.Op p = net.producer(tensor);
        if (p != null && p.code() == BuiltinOperator.DEQUANTIZE && f.tensor(p.inputs()[0]).constant()) {
            return f.constantFloats(p.inputs()[0]);
        }
        throw new ModelException(f.file() + ": weights " + info.describe() + " are not constant; only float or"
                + " weight-quantised models (float activations) are supported");
    }

    private void emit(TfliteFile.Op op) {
        int code = op.code();
        int in0 = op.inputs()[0];
        int out = op.outputs()[0];
        String o = name(out);
        if (code == BuiltinOperator.DEQUANTIZE) {
            if (!f.tensor(in0).constant()) {
                throw TfliteOps.bad(f, op, "dequantises activations: fully quantised models are not supported");
            }
            return; // folded into the weights that use it
        }
        if (code == BuiltinOperator.CONV_2D || code == BuiltinOperator.DEPTHWISE_CONV_2D) {
            values.put(out, new Value(conv(op, o), true));
        } else if (code == BuiltinOperator.AVERAGE_POOL_2D || code == BuiltinOperator.MAX_POOL_2D) {
            Value x = value(in0);
            requireNchw(op, x);
            int[] s = f.tensor(in0).shape();
            TfliteOps.Window w = TfliteOps.pool(f, op);
            int[] p = w.pads(s[1], s[2]);
            Map<String, Object> attrs = new HashMap<>(Map.of("kernel_shape", new long[] {w.kernelH(), w.kernelW()},
                    "strides", new long[] {w.strideH(), w.strideW()}, "pads", new long[] {p[0], p[1], p[2], p[3]}));
            if (code == BuiltinOperator.AVERAGE_POOL_2D) {
                attrs.put("count_include_pad", 0L);
            }
            String r = g.node(code == BuiltinOperator.AVERAGE_POOL_2D ? "AveragePool" : "MaxPool", List.of(x.name()),
                    o + "_pool", attrs);
            values.put(out, new Value(activation(r, w.activation(), o), true));
        } else if (code == BuiltinOperator.MEAN) {
            values.put(out, mean(op, o));
        } else if (code == BuiltinOperator.FULLY_CONNECTED) {
            values.put(out, new Value(dense(op, o), false));
        } else if (code == BuiltinOperator.LOGISTIC) {
            Value x = value(in0);
            values.put(out, new Value(g.node("Sigmoid", List.of(x.name()), o), x.nchw()));
        } else if (code == BuiltinOperator.SOFTMAX) {
            TfliteOps.checkSoftmax(f, op);
            Value x = value(in0);
            values.put(out, new Value(g.node("Softmax", List.of(x.name()), o,
                    Map.of("axis", x.nchw() ? 1L : -1L)), x.nchw()));
        } else if (code == BuiltinOperator.RESHAPE || code == BuiltinOperator.SQUEEZE
                || code == BuiltinOperator.EXPAND_DIMS) {
            values.put(out, reshape(op, o));
        } else {
            throw TfliteOps.bad(f, op, "is not supported");
        }
    }

    private void requireNchw(TfliteFile.Op op, Value x) {
        if (!x.nchw()) {
            throw TfliteOps.bad(f, op, "reads a tensor that is not a 4-D feature map");
        }
    }

    private String conv(TfliteFile.Op op, String o) {
        int in0 = op.inputs()[0];
        Value x = value(in0);
        requireNchw(op, x);
        int[] xs = f.tensor(in0).shape();
        int[] ws = f.tensor(op.inputs()[1]).shape();
        if (ws.length != 4) {
            throw TfliteOps.bad(f, op, "has weights of shape " + Arrays.toString(ws));
        }
        float[] src = weights(op.inputs()[1]);
        int kh = ws[1];
        int kw = ws[2];
        int channels = xs[3];
        float[] w;
        long[] dims;
        long group;
        TfliteOps.Window win;
        if (op.code() == BuiltinOperator.CONV_2D) {
            int co = ws[0];
            int ci = ws[3];
            if (ci <= 0 || channels % ci != 0) {
                throw TfliteOps.bad(f, op, "has " + ci + " input channels per group for " + channels + " channels");
            }
            win = TfliteOps.conv(f, op, kh, kw);
            w = new float[src.length];
            for (int a = 0; a < co; a++) {
                for (int y = 0; y < kh; y++) {
                    for (int z = 0; z < kw; z++) {
                        for (int c = 0; c < ci; c++) {
                            w[((a * ci + c) * kh + y) * kw + z] = src[((a * kh + y) * kw + z) * ci + c];
                        }
                    }
                }
            }
            dims = new long[] {co, ci, kh, kw};
            group = channels / ci;
        } else {
            int cm = ws[3];
            win = TfliteOps.depthwise(f, op, kh, kw);
            if (ws[0] != 1 || cm != channels * win.depthMultiplier()) {
                throw TfliteOps.bad(f, op, "has weights " + Arrays.toString(ws) + " for " + channels
                        + " channels and depth multiplier " + win.depthMultiplier());
            }
            w = new float[src.length];
            for (int y = 0; y < kh; y++) {
                for (int z = 0; z < kw; z++) {
                    for (int c = 0; c < cm; c++) {
                        w[(c * kh + y) * kw + z] = src[(y * kw + z) * cm + c];
                    }
                }
            }
            dims = new long[] {cm, 1, kh, kw};
            group = channels;
        }
        List<String> inputs = new ArrayList<>(List.of(x.name(), g.floats(o + "_w", dims, w)));
        if (op.inputs().length > 2 && op.inputs()[2] >= 0) {
            float[] b = weights(op.inputs()[2]);
            if (b.length != dims[0]) {
                throw TfliteOps.bad(f, op, "has " + b.length + " biases for " + dims[0] + " outputs");
            }
            inputs.add(g.floats(o + "_b", new long[] {dims[0]}, b));
        }
        int[] p = win.pads(xs[1], xs[2]);
        String r = g.node("Conv", inputs, o + "_conv", Map.of(
                "kernel_shape", new long[] {kh, kw},
                "strides", new long[] {win.strideH(), win.strideW()},
                "dilations", new long[] {win.dilationH(), win.dilationW()},
                "pads", new long[] {p[0], p[1], p[2], p[3]},
                "group", group));
        return activation(r, win.activation(), o);
    }

    private String activation(String x, byte a, String o) {
        if (a == ActivationFunctionType.NONE) {
            return g.node("Identity", List.of(x), o);
        }
        if (a == ActivationFunctionType.RELU) {
            return g.node("Relu", List.of(x), o);
        }
        if (a == ActivationFunctionType.TANH) {
            return g.node("Tanh", List.of(x), o);
        }
        if (a == ActivationFunctionType.RELU6) {
            if (clipMin6 == null) {
                clipMin6 = g.scalar("relu6_min", 0f);
                clipMax6 = g.scalar("relu6_max", 6f);
            }
            return g.node("Clip", List.of(x, clipMin6, clipMax6), o);
        }
        if (clipMin1 == null) {
            clipMin1 = g.scalar("relu1_min", -1f);
            clipMax1 = g.scalar("relu1_max", 1f);
        }
        return g.node("Clip", List.of(x, clipMin1, clipMax1), o);
    }

    /** NHWC axis -> NCHW axis. */
    private static int toNchwAxis(int a) {
        return switch (a) {
            case 0 -> 0;
            case 1 -> 2;
            case 2 -> 3;
            case 3 -> 1;
            default -> throw new IllegalArgumentException("axis " + a);
        };
    }

    private Value mean(TfliteFile.Op op, String o) {
        int in0 = op.inputs()[0];
        Value x = value(in0);
        int rank = f.tensor(in0).shape().length;
        int[] axes = f.constantInts(op.inputs()[1]);
        boolean keep = TfliteOps.keepDims(op);
        boolean[] reduced = new boolean[rank];
        for (int a : axes) {
            int n = a < 0 ? a + rank : a;
            if (n <= 0 || n >= rank) {
                throw TfliteOps.bad(f, op, "reduces over axis " + a + " (the batch axis or out of range)");
            }
            reduced[n] = true;
        }
        long[] onnxAxes = new long[axes.length];
        int k = 0;
        for (int a = 0; a < rank; a++) {
            if (reduced[a]) {
                onnxAxes[k++] = x.nchw() ? toNchwAxis(a) : a;
            }
        }
        Arrays.sort(onnxAxes, 0, k);
        onnxAxes = Arrays.copyOf(onnxAxes, k);
        if (keep || !x.nchw()) {
            String r = g.node("ReduceMean", List.of(x.name()), o, Map.of("axes", onnxAxes, "keepdims", keep ? 1L : 0L));
            return new Value(r, keep && x.nchw());
        }
        String r = g.node("ReduceMean", List.of(x.name()), o + "_mean", Map.of("axes", onnxAxes, "keepdims", 0L));
        // the remaining axes in ONNX (NCHW) order must come out in TFLite (NHWC) order
        List<Integer> remainingNchw = new ArrayList<>();
        for (int a = 0; a < 4; a++) {
            boolean gone = false;
            for (long ra : onnxAxes) {
                gone |= ra == a;
            }
            if (!gone) {
                remainingNchw.add(a);
            }
        }
        long[] perm = new long[remainingNchw.size()];
        int j = 0;
        boolean identity = true;
        for (int a = 0; a < 4; a++) {
            if (!reduced[a]) {
                perm[j] = remainingNchw.indexOf(toNchwAxis(a));
                identity &= perm[j] == j;
                j++;
            }
        }
        return new Value(identity ? g.node("Identity", List.of(r), o)
                : g.node("Transpose", List.of(r), o, Map.of("perm", perm)), false);
    }

    private String toNhwc(String x) {
        return g.node("Transpose", List.of(x), x + "_nhwc", Map.of("perm", new long[] {0, 2, 3, 1}));
    }

    private String dense(TfliteFile.Op op, String o) {
        int in0 = op.inputs()[0];
        Value x = value(in0);
        int[] ws = f.tensor(op.inputs()[1]).shape();
        if (ws.length != 2) {
            throw TfliteOps.bad(f, op, "has weights of shape " + Arrays.toString(ws));
        }
        int[] xs = f.tensor(in0).shape();
        long perSample = f.tensor(in0).elements() / Math.max(1, xs[0]);
        if (perSample != ws[1]) {
            throw TfliteOps.bad(f, op, "reads " + Arrays.toString(xs) + " with weights " + Arrays.toString(ws));
        }
        String a = x.nchw() ? toNhwc(x.name()) : x.name();
        if (xs.length != 2) {
            a = g.node("Flatten", List.of(a), o + "_flat", Map.of("axis", 1L));
        }
        List<String> inputs = new ArrayList<>(List.of(a, g.floats(o + "_w", new long[] {ws[0], ws[1]},
                weights(op.inputs()[1]))));
        if (op.inputs().length > 2 && op.inputs()[2] >= 0) {
            inputs.add(g.floats(o + "_b", new long[] {ws[0]}, weights(op.inputs()[2])));
        }
        String r = g.node("Gemm", inputs, o + "_gemm", Map.of("transB", 1L));
        return activation(r, TfliteOps.fullyConnectedActivation(f, op), o);
    }

    private Value reshape(TfliteFile.Op op, String o) {
        int in0 = op.inputs()[0];
        Value x = value(in0);
        int[] is = f.tensor(in0).shape();
        int[] os = f.tensor(op.outputs()[0]).shape();
        if (is.length == 0 || os.length == 0 || is[0] != os[0]) {
            throw TfliteOps.bad(f, op, "changes the batch dimension (" + Arrays.toString(is) + " -> "
                    + Arrays.toString(os) + ")");
        }
        String a = x.nchw() ? toNhwc(x.name()) : x.name();
        long[] shape = new long[os.length];
        shape[0] = 0; // keep the batch
        for (int i = 1; i < os.length; i++) {
            shape[i] = os[i];
        }
        if (os.length == 4) {
            String r = g.node("Reshape", List.of(a, g.longs(o + "_shape", shape)), o + "_nhwc");
            return new Value(g.node("Transpose", List.of(r), o, Map.of("perm", new long[] {0, 3, 1, 2})), true);
        }
        return new Value(g.node("Reshape", List.of(a, g.longs(o + "_shape", shape)), o), false);
    }
}
