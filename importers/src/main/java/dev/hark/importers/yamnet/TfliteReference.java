package dev.hark.importers.yamnet;

import dev.hark.importers.tflite.TfliteFile;
import dev.hark.importers.tflite.TfliteNetwork;
import dev.hark.importers.tflite.TfliteOps;
import java.util.HashMap;
import java.util.Map;
import org.tensorflow.lite.schema.BuiltinOperator;

/**
 * A plain-Java forward pass of a {@link TfliteNetwork} for one patch, written from TFLite's own semantics
 * (NHWC activations, OHWI and {@code [1,H,W,C*M]} weights as stored in the file, SAME padding, float64
 * accumulation). It shares no layout code with {@link YamnetOnnx}, so it checks the NHWC -> NCHW mapping.
 */
final class TfliteReference {
    /** A tensor value: NHWC (or any row-major) shape and data. */
    private record V(int[] shape, double[] data) {
    }

    private final TfliteNetwork net;
    private final TfliteFile f;
    private final Map<Integer, TfliteFile.Op> producer = new HashMap<>();

    TfliteReference(TfliteNetwork net) {
        this.net = net;
        this.f = net.file;
        for (TfliteFile.Op op : f.ops()) {
            for (int o : op.outputs()) {
                producer.put(o, op);
            }
        }
    }

    /** Returns {scores, embedding} for one {@code [96][64]} patch. */
    double[][] run(float[][] patch) {
        Map<Integer, V> vals = new HashMap<>();
        double[] p = new double[TfliteNetwork.FRAMES * TfliteNetwork.BANDS];
        for (int t = 0; t < TfliteNetwork.FRAMES; t++) {
            for (int b = 0; b < TfliteNetwork.BANDS; b++) {
                p[t * TfliteNetwork.BANDS + b] = patch[t][b];
            }
        }
        vals.put(net.patch, new V(new int[] {1, TfliteNetwork.FRAMES, TfliteNetwork.BANDS, 1}, p));
        for (TfliteFile.Op op : net.ops) {
            if (op.code() == BuiltinOperator.DEQUANTIZE) {
                continue;
            }
            vals.put(op.outputs()[0], eval(op, vals.get(op.inputs()[0])));
        }
        return new double[][] {vals.get(net.scores).data(), vals.get(net.embedding).data()};
    }

    private float[] weights(int tensor) {
        if (f.tensor(tensor).constant()) {
            return f.constantFloats(tensor);
        }
        return f.constantFloats(producer.get(tensor).inputs()[0]);
    }

    private V eval(TfliteFile.Op op, V x) {
        int code = op.code();
        int[] outShape = f.tensor(op.outputs()[0]).shape();
        if (code == BuiltinOperator.CONV_2D || code == BuiltinOperator.DEPTHWISE_CONV_2D) {
            return conv(op, x);
        }
        if (code == BuiltinOperator.AVERAGE_POOL_2D || code == BuiltinOperator.MAX_POOL_2D) {
            return pool(op, x, code == BuiltinOperator.MAX_POOL_2D);
        }
        if (code == BuiltinOperator.MEAN) {
            return mean(op, x);
        }
        if (code == BuiltinOperator.FULLY_CONNECTED) {
            int[] ws = f.tensor(op.inputs()[1]).shape();
            float[] w = weights(op.inputs()[1]);
            float[] b = op.inputs().length > 2 && op.inputs()[2] >= 0 ? weights(op.inputs()[2]) : null;
            byte act = TfliteOps.fullyConnectedActivation(f, op);
            double[] r = new double[ws[0]];
            for (int o = 0; o < ws[0]; o++) {
                double s = b == null ? 0 : b[o];
                for (int i = 0; i < ws[1]; i++) {
                    s += w[o * ws[1] + i] * x.data()[i];
                }
                r[o] = TfliteOps.activate(act, s);
            }
            return new V(new int[] {1, ws[0]}, r);
        }
        if (code == BuiltinOperator.LOGISTIC) {
            double[] r = new double[x.data().length];
            for (int i = 0; i < r.length; i++) {
                r[i] = 1 / (1 + Math.exp(-x.data()[i]));
            }
            return new V(x.shape(), r);
        }
        if (code == BuiltinOperator.SOFTMAX) {
            int last = x.shape()[x.shape().length - 1];
            double[] r = new double[x.data().length];
            for (int s = 0; s < r.length; s += last) {
                double m = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < last; i++) {
                    m = Math.max(m, x.data()[s + i]);
                }
                double sum = 0;
                for (int i = 0; i < last; i++) {
                    r[s + i] = Math.exp(x.data()[s + i] - m);
                    sum += r[s + i];
                }
                for (int i = 0; i < last; i++) {
                    r[s + i] /= sum;
                }
            }
            return new V(x.shape(), r);
        }
        // RESHAPE, SQUEEZE, EXPAND_DIMS: row-major data unchanged
        return new V(outShape, x.data());
    }

    private V conv(TfliteFile.Op op, V x) {
        int[] xs = x.shape();
        int h = xs[1];
        int w = xs[2];
        int c = xs[3];
        int[] ws = f.tensor(op.inputs()[1]).shape();
        float[] wt = weights(op.inputs()[1]);
        float[] bias = op.inputs().length > 2 && op.inputs()[2] >= 0 ? weights(op.inputs()[2]) : null;
        boolean depthwise = op.code() == BuiltinOperator.DEPTHWISE_CONV_2D;
        int kh = ws[1];
        int kw = ws[2];
        TfliteOps.Window win = depthwise ? TfliteOps.depthwise(f, op, kh, kw) : TfliteOps.conv(f, op, kh, kw);
        int[] pads = win.pads(h, w);
        int oh = win.outH(h);
        int ow = win.outW(w);
        int co = depthwise ? ws[3] : ws[0];
        int ci = depthwise ? 1 : ws[3];
        int groupIn = depthwise ? 1 : ci;
        double[] out = new double[oh * ow * co];
        for (int y = 0; y < oh; y++) {
            for (int z = 0; z < ow; z++) {
                for (int o = 0; o < co; o++) {
                    double s = bias == null ? 0 : bias[o];
                    // input channels feeding output o
                    int cFirst = depthwise ? o / win.depthMultiplier() : (o / (co / (c / groupIn))) * groupIn;
                    for (int a = 0; a < kh; a++) {
                        int iy = y * win.strideH() + a * win.dilationH() - pads[0];
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        for (int b = 0; b < kw; b++) {
                            int ix = z * win.strideW() + b * win.dilationW() - pads[1];
                            if (ix < 0 || ix >= w) {
                                continue;
                            }
                            int base = (iy * w + ix) * c;
                            if (depthwise) {
                                s += wt[(a * kw + b) * co + o] * x.data()[base + cFirst];
                            } else {
                                for (int k = 0; k < ci; k++) {
                                    s += wt[((o * kh + a) * kw + b) * ci + k] * x.data()[base + cFirst + k];
                                }
                            }
                        }
                    }
                    out[(y * ow + z) * co + o] = TfliteOps.activate(win.activation(), s);
                }
            }
        }
        return new V(new int[] {1, oh, ow, co}, out);
    }

    private V pool(TfliteFile.Op op, V x, boolean max) {
        int[] xs = x.shape();
        int h = xs[1];
        int w = xs[2];
        int c = xs[3];
        TfliteOps.Window win = TfliteOps.pool(f, op);
        int[] pads = win.pads(h, w);
        int oh = win.outH(h);
        int ow = win.outW(w);
        double[] out = new double[oh * ow * c];
        for (int y = 0; y < oh; y++) {
            for (int z = 0; z < ow; z++) {
                for (int k = 0; k < c; k++) {
                    double s = max ? Double.NEGATIVE_INFINITY : 0;
                    int n = 0;
                    for (int a = 0; a < win.kernelH(); a++) {
                        int iy = y * win.strideH() + a - pads[0];
                        for (int b = 0; b < win.kernelW(); b++) {
                            int ix = z * win.strideW() + b - pads[1];
                            if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                continue;
                            }
                            double v = x.data()[(iy * w + ix) * c + k];
                            s = max ? Math.max(s, v) : s + v;
                            n++;
                        }
                    }
                    out[(y * ow + z) * c + k] = TfliteOps.activate(win.activation(), max ? s : s / n);
                }
            }
        }
        return new V(new int[] {1, oh, ow, c}, out);
    }

    private V mean(TfliteFile.Op op, V x) {
        int[] xs = x.shape();
        int rank = xs.length;
        boolean[] reduced = new boolean[rank];
        for (int a : f.constantInts(op.inputs()[1])) {
            reduced[a < 0 ? a + rank : a] = true;
        }
        int[] outShape = f.tensor(op.outputs()[0]).shape();
        int outN = 1;
        for (int d = 0; d < rank; d++) {
            outN *= reduced[d] ? 1 : xs[d];
        }
        double[] sum = new double[outN];
        int[] count = new int[outN];
        int[] idx = new int[rank];
        for (int i = 0; i < x.data().length; i++) {
            int o = 0;
            for (int d = 0; d < rank; d++) {
                o = o * (reduced[d] ? 1 : xs[d]) + (reduced[d] ? 0 : idx[d]);
            }
            sum[o] += x.data()[i];
            count[o]++;
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < xs[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        for (int o = 0; o < outN; o++) {
            sum[o] /= count[o];
        }
        return new V(outShape, sum);
    }
}
