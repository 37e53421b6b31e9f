package dev.hark.importers.vggish;

import dev.hark.importers.FloatTensor;
import java.util.List;

/**
 * A plain-Java forward pass of VGGish (loops, float64 accumulation), independent of ONNX and ONNX Runtime,
 * used to check every imported graph. Follows Google's definition: no activation after the last linear
 * layer unless {@code finalRelu} (the PyTorch port's extra ReLU) is asked for.
 */
public final class VggishReference {
    private final VggishWeights w;
    private final boolean finalRelu;

    public VggishReference(VggishWeights weights, boolean finalRelu) {
        this.w = weights;
        this.finalRelu = finalRelu;
    }

    /** Embeds one {@code [96][64]} log-mel patch; returns the embedding in float64. */
    public double[] embed(float[][] patch) {
        int h = VggishWeights.PATCH_FRAMES;
        int wd = VggishWeights.PATCH_BANDS;
        if (patch.length != h || patch[0].length != wd) {
            throw new IllegalArgumentException("patch must be [96][64]");
        }
        double[][][] x = new double[1][h][wd];
        for (int t = 0; t < h; t++) {
            for (int f = 0; f < wd; f++) {
                x[0][t][f] = patch[t][f];
            }
        }
        for (int i = 0; i < w.convWeights().size(); i++) {
            x = conv3x3Relu(x, w.convWeights().get(i), w.convBiases().get(i));
            if (VggishWeights.POOL_AFTER[i]) {
                x = maxPool2(x);
            }
        }
        // [C][6][4] -> [6][4][C], flattened (the TensorFlow original's NHWC order)
        int c = x.length;
        int hh = x[0].length;
        int ww = x[0][0].length;
        double[] v = new double[c * hh * ww];
        int k = 0;
        for (int y = 0; y < hh; y++) {
            for (int xx = 0; xx < ww; xx++) {
                for (int ch = 0; ch < c; ch++) {
                    v[k++] = x[ch][y][xx];
                }
            }
        }
        List<FloatTensor> lw = w.linearWeights();
        for (int i = 0; i < lw.size(); i++) {
            boolean relu = i < lw.size() - 1 || finalRelu;
            v = linear(v, lw.get(i), w.linearBiases().get(i), relu);
        }
        return v;
    }

    private static double[][][] conv3x3Relu(double[][][] in, FloatTensor weight, FloatTensor bias) {
        int cin = in.length;
        int h = in[0].length;
        int wd = in[0][0].length;
        int cout = weight.dim(0);
        float[] wt = weight.data();
        float[] b = bias.data();
        double[][][] out = new double[cout][h][wd];
        for (int co = 0; co < cout; co++) {
            double[][] o = out[co];
            for (int y = 0; y < h; y++) {
                java.util.Arrays.fill(o[y], b[co]);
            }
            for (int ci = 0; ci < cin; ci++) {
                double[][] src = in[ci];
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        double k = wt[((co * cin + ci) * 3 + ky) * 3 + kx];
                        int dx = kx - 1;
                        int x0 = Math.max(0, -dx);
                        int x1 = Math.min(wd, wd - dx);
                        for (int y = 0; y < h; y++) {
                            int sy = y + ky - 1;
                            if (sy < 0 || sy >= h) {
                                continue;
                            }
                            double[] row = src[sy];
                            double[] orow = o[y];
                            for (int x = x0; x < x1; x++) {
                                orow[x] += k * row[x + dx];
                            }
                        }
                    }
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < wd; x++) {
                    if (o[y][x] < 0) {
                        o[y][x] = 0;
                    }
                }
            }
        }
        return out;
    }

    private static double[][][] maxPool2(double[][][] in) {
        int c = in.length;
        int h = in[0].length / 2;
        int wd = in[0][0].length / 2;
        double[][][] out = new double[c][h][wd];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < wd; x++) {
                    double m = in[ch][2 * y][2 * x];
                    m = Math.max(m, in[ch][2 * y][2 * x + 1]);
                    m = Math.max(m, in[ch][2 * y + 1][2 * x]);
                    m = Math.max(m, in[ch][2 * y + 1][2 * x + 1]);
                    out[ch][y][x] = m;
                }
            }
        }
        return out;
    }

    private static double[] linear(double[] v, FloatTensor weight, FloatTensor bias, boolean relu) {
        int out = weight.dim(0);
        int in = weight.dim(1);
        float[] wt = weight.data();
        double[] r = new double[out];
        for (int o = 0; o < out; o++) {
            double s = bias.data()[o];
            int base = o * in;
            for (int i = 0; i < in; i++) {
                s += wt[base + i] * v[i];
            }
            r[o] = relu && s < 0 ? 0 : s;
        }
        return r;
    }
}
