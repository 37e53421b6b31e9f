package dev.hark.app;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent float64 reference for the YAMNet chain, written for tests only: the log-mel front end with a
 * naive DFT, and an interpreter of the ONNX graph (parsed with the ONNX protobuf classes) that implements in
 * double the few operators YAMNet's graph uses. Shares no code with Hark's front end or ONNX Runtime.
 */
final class ReferenceYamnet {
    /** A dense tensor in row-major order. */
    record Tensor(int[] shape, double[] data) {
        int size() {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private final Map<String, Tensor> initializers = new HashMap<>();
    private final List<OnnxMl.NodeProto> nodes;
    private final String input;

    ReferenceYamnet(Path onnx) throws IOException {
        OnnxMl.GraphProto g = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(onnx)).getGraph();
        for (OnnxMl.TensorProto t : g.getInitializerList()) {
            initializers.put(t.getName(), tensor(t));
        }
        nodes = g.getNodeList();
        input = g.getInput(0).getName();
    }

    private static Tensor tensor(OnnxMl.TensorProto t) {
        int[] shape = t.getDimsList().stream().mapToInt(Long::intValue).toArray();
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] data = new double[n];
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        if (t.getDataType() == OnnxMl.TensorProto.DataType.FLOAT.getNumber()) {
            for (int i = 0; i < n; i++) {
                data[i] = raw.hasRemaining() ? raw.getFloat() : t.getFloatData(i);
            }
        } else if (t.getDataType() == OnnxMl.TensorProto.DataType.INT64.getNumber()) {
            for (int i = 0; i < n; i++) {
                data[i] = raw.hasRemaining() ? raw.getLong() : t.getInt64Data(i);
            }
        } else {
            throw new IllegalArgumentException("initializer " + t.getName() + " of type " + t.getDataType());
        }
        return new Tensor(shape, data);
    }

    // ------------------------------------------------------------------ front end (float64, naive DFT)

    /** Log-mel frames {@code [frames][64]} of 16 kHz samples with log offset 0.001 (YAMNet). */
    static double[][] logMel(double[] x) {
        int win = 400;
        int hop = 160;
        int fft = 512;
        int bins = fft / 2 + 1;
        int frames = x.length < win ? 0 : 1 + (x.length - win) / hop;
        double[] hann = new double[win];
        for (int n = 0; n < win; n++) {
            hann[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / win);
        }
        double[][] cos = new double[bins][win];
        double[][] sin = new double[bins][win];
        for (int k = 0; k < bins; k++) {
            for (int n = 0; n < win; n++) {
                long kn = (long) k * n % fft;
                cos[k][n] = Math.cos(2 * Math.PI * kn / fft);
                sin[k][n] = Math.sin(2 * Math.PI * kn / fft);
            }
        }
        double[][] mel = melMatrix(bins);
        double[][] out = new double[frames][64];
        double[] frame = new double[win];
        double[] mag = new double[bins];
        for (int f = 0; f < frames; f++) {
            for (int n = 0; n < win; n++) {
                frame[n] = x[f * hop + n] * hann[n];
            }
            for (int k = 0; k < bins; k++) {
                double re = 0;
                double im = 0;
                for (int n = 0; n < win; n++) {
                    re += frame[n] * cos[k][n];
                    im -= frame[n] * sin[k][n];
                }
                mag[k] = Math.hypot(re, im);
            }
            for (int b = 0; b < 64; b++) {
                double s = 0;
                for (int k = 0; k < bins; k++) {
                    s += mag[k] * mel[k][b];
                }
                out[f][b] = Math.log(s + 0.001);
            }
        }
        return out;
    }

    private static double hzToMel(double hz) {
        return 1127.0 * Math.log(1.0 + hz / 700.0);
    }

    private static double[][] melMatrix(int bins) {
        double lo = hzToMel(125.0);
        double hi = hzToMel(7500.0);
        double[] edges = new double[66];
        for (int i = 0; i < 66; i++) {
            edges[i] = lo + (hi - lo) * i / 65.0;
        }
        double[][] m = new double[bins][64];
        for (int k = 1; k < bins; k++) {
            double binMel = hzToMel(8000.0 * k / (bins - 1));
            for (int b = 0; b < 64; b++) {
                double lower = (binMel - edges[b]) / (edges[b + 1] - edges[b]);
                double upper = (edges[b + 2] - binMel) / (edges[b + 2] - edges[b + 1]);
                m[k][b] = Math.max(0.0, Math.min(lower, upper));
            }
        }
        return m;
    }

    // ------------------------------------------------------------------ graph (float64)

    /** Runs the graph on one patch {@code [96][64]}; returns every output tensor by name. */
    Map<String, Tensor> run(double[][] patch) {
        double[] flat = new double[patch.length * patch[0].length];
        for (int i = 0; i < patch.length; i++) {
            System.arraycopy(patch[i], 0, flat, i * patch[0].length, patch[0].length);
        }
        Map<String, Tensor> v = new HashMap<>(initializers);
        v.put(input, new Tensor(new int[] {1, patch.length, patch[0].length}, flat));
        for (OnnxMl.NodeProto n : nodes) {
            Tensor a = v.get(n.getInput(0));
            Tensor r = switch (n.getOpType()) {
                case "Unsqueeze" -> unsqueeze(a, v.get(n.getInput(1)));
                case "Conv" -> conv(a, v.get(n.getInput(1)), n.getInputCount() > 2 ? v.get(n.getInput(2)) : null, n);
                case "Relu" -> map(a, x -> Math.max(0, x));
                case "Sigmoid" -> map(a, x -> 1.0 / (1.0 + Math.exp(-x)));
                case "ReduceMean" -> reduceMean(a, n);
                case "Gemm" -> gemm(a, v.get(n.getInput(1)), n.getInputCount() > 2 ? v.get(n.getInput(2)) : null, n);
                default -> throw new UnsupportedOperationException("reference: operator " + n.getOpType());
            };
            v.put(n.getOutput(0), r);
        }
        return v;
    }

    private static OnnxMl.AttributeProto attr(OnnxMl.NodeProto n, String name) {
        return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst().orElse(null);
    }

    private static long[] ints(OnnxMl.NodeProto n, String name, long... dflt) {
        OnnxMl.AttributeProto a = attr(n, name);
        return a == null ? dflt : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    private static long intAttr(OnnxMl.NodeProto n, String name, long dflt) {
        OnnxMl.AttributeProto a = attr(n, name);
        return a == null ? dflt : a.getI();
    }

    private static double floatAttr(OnnxMl.NodeProto n, String name, double dflt) {
        OnnxMl.AttributeProto a = attr(n, name);
        return a == null ? dflt : a.getF();
    }

    private static Tensor map(Tensor a, java.util.function.DoubleUnaryOperator f) {
        double[] d = new double[a.data().length];
        for (int i = 0; i < d.length; i++) {
            d[i] = f.applyAsDouble(a.data()[i]);
        }
        return new Tensor(a.shape(), d);
    }

    private static Tensor unsqueeze(Tensor a, Tensor axes) {
        int[] shape = a.shape();
        for (double ax : axes.data()) {
            int axis = (int) ax;
            if (axis < 0) {
                axis += shape.length + 1;
            }
            int[] s = new int[shape.length + 1];
            for (int i = 0, j = 0; i < s.length; i++) {
                s[i] = i == axis ? 1 : shape[j++];
            }
            shape = s;
        }
        return new Tensor(shape, a.data());
    }

    private static Tensor conv(Tensor x, Tensor w, Tensor bias, OnnxMl.NodeProto node) {
        int n = x.shape()[0];
        int c = x.shape()[1];
        int h = x.shape()[2];
        int wd = x.shape()[3];
        int m = w.shape()[0];
        int cg = w.shape()[1];
        int kh = w.shape()[2];
        int kw = w.shape()[3];
        int group = (int) intAttr(node, "group", 1);
        long[] pads = ints(node, "pads", 0, 0, 0, 0);
        long[] strides = ints(node, "strides", 1, 1);
        long[] dil = ints(node, "dilations", 1, 1);
        if (c / group != cg) {
            throw new IllegalArgumentException("conv: " + c + " channels, group " + group + ", weights " + cg);
        }
        int oh = (int) ((h + pads[0] + pads[2] - dil[0] * (kh - 1) - 1) / strides[0] + 1);
        int ow = (int) ((wd + pads[1] + pads[3] - dil[1] * (kw - 1) - 1) / strides[1] + 1);
        double[] out = new double[n * m * oh * ow];
        int mPerGroup = m / group;
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < m; o++) {
                int g = o / mPerGroup;
                int outBase = ((b * m) + o) * oh * ow;
                double bv = bias == null ? 0 : bias.data()[o];
                for (int i = 0; i < oh * ow; i++) {
                    out[outBase + i] = bv;
                }
                for (int ci = 0; ci < cg; ci++) {
                    int inC = g * cg + ci;
                    int inBase = ((b * c) + inC) * h * wd;
                    for (int y = 0; y < kh; y++) {
                        for (int z = 0; z < kw; z++) {
                            double wv = w.data()[((o * cg + ci) * kh + y) * kw + z];
                            for (int r = 0; r < oh; r++) {
                                long ih = r * strides[0] - pads[0] + y * dil[0];
                                if (ih < 0 || ih >= h) {
                                    continue;
                                }
                                for (int s = 0; s < ow; s++) {
                                    long iw = s * strides[1] - pads[1] + z * dil[1];
                                    if (iw >= 0 && iw < wd) {
                                        out[outBase + r * ow + s] += wv * x.data()[inBase + (int) ih * wd + (int) iw];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Tensor(new int[] {n, m, oh, ow}, out);
    }

    private static Tensor reduceMean(Tensor x, OnnxMl.NodeProto node) {
        long[] axes = ints(node, "axes");
        boolean keep = intAttr(node, "keepdims", 1) != 0;
        if (x.shape().length != 4 || axes.length != 2 || axes[0] != 2 || axes[1] != 3) {
            throw new UnsupportedOperationException("reference: ReduceMean only over the spatial axes of NCHW");
        }
        int n = x.shape()[0];
        int c = x.shape()[1];
        int hw = x.shape()[2] * x.shape()[3];
        double[] out = new double[n * c];
        for (int i = 0; i < n * c; i++) {
            double s = 0;
            for (int j = 0; j < hw; j++) {
                s += x.data()[i * hw + j];
            }
            out[i] = s / hw;
        }
        return new Tensor(keep ? new int[] {n, c, 1, 1} : new int[] {n, c}, out);
    }

    private static Tensor gemm(Tensor a, Tensor b, Tensor c, OnnxMl.NodeProto node) {
        boolean ta = intAttr(node, "transA", 0) != 0;
        boolean tb = intAttr(node, "transB", 0) != 0;
        double alpha = floatAttr(node, "alpha", 1.0);
        double beta = floatAttr(node, "beta", 1.0);
        int m = ta ? a.shape()[1] : a.shape()[0];
        int k = ta ? a.shape()[0] : a.shape()[1];
        int n = tb ? b.shape()[0] : b.shape()[1];
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = ta ? a.data()[p * m + i] : a.data()[i * k + p];
                    double bv = tb ? b.data()[j * k + p] : b.data()[p * n + j];
                    s += av * bv;
                }
                double cv = c == null ? 0 : c.data().length == n ? c.data()[j] : c.data()[i * n + j];
                out[i * n + j] = alpha * s + beta * cv;
            }
        }
        return new Tensor(new int[] {m, n}, out);
    }
}
