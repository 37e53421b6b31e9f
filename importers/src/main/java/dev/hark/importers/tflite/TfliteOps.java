package dev.hark.importers.tflite;

import dev.hark.errors.ModelException;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.Conv2DOptions;
import org.tensorflow.lite.schema.DepthwiseConv2DOptions;
import org.tensorflow.lite.schema.FullyConnectedOptions;
import org.tensorflow.lite.schema.Padding;
import org.tensorflow.lite.schema.Pool2DOptions;
import org.tensorflow.lite.schema.ReducerOptions;
import org.tensorflow.lite.schema.SoftmaxOptions;

/**
 * The parameters of one TFLite operator that both the ONNX builder and the reference forward pass need,
 * read once from its builtin options, and TensorFlow's SAME padding rule.
 */
public final class TfliteOps {
    private TfliteOps() {
    }

    /** A 2-D window operator: convolution, depthwise convolution or pool. */
    public record Window(boolean same, int strideH, int strideW, int dilationH, int dilationW, int kernelH, int kernelW,
            int depthMultiplier, byte activation) {
        /** {@code [top, left, bottom, right]} for an input of {@code inH x inW}. */
        public int[] pads(int inH, int inW) {
            if (!same) {
                return new int[4];
            }
            int[] h = samePads(inH, strideH, (kernelH - 1) * dilationH + 1);
            int[] w = samePads(inW, strideW, (kernelW - 1) * dilationW + 1);
            return new int[] {h[0], w[0], h[1], w[1]};
        }

        public int outH(int inH) {
            return outSize(inH, strideH, (kernelH - 1) * dilationH + 1);
        }

        public int outW(int inW) {
            return outSize(inW, strideW, (kernelW - 1) * dilationW + 1);
        }

        private int outSize(int in, int stride, int k) {
            return same ? (in + stride - 1) / stride : (in - k) / stride + 1;
        }
    }

    /**
     * TensorFlow SAME padding: output {@code ceil(in / stride)}, total padding
     * {@code max((out - 1) * stride + k - in, 0)}, the smaller half before, the larger after.
     */
    public static int[] samePads(int in, int stride, int k) {
        int out = (in + stride - 1) / stride;
        int total = Math.max((out - 1) * stride + k - in, 0);
        return new int[] {total / 2, total - total / 2};
    }

    public static Window conv(TfliteFile f, TfliteFile.Op op, int kernelH, int kernelW) {
        Conv2DOptions o = (Conv2DOptions) op.raw().builtinOptions(new Conv2DOptions());
        if (o == null) {
            throw bad(f, op, "has no options");
        }
        return new Window(padding(f, op, o.padding()), o.strideH(), o.strideW(), Math.max(1, o.dilationHFactor()),
                Math.max(1, o.dilationWFactor()), kernelH, kernelW, 1, activation(f, op, o.fusedActivationFunction()));
    }

    public static Window depthwise(TfliteFile f, TfliteFile.Op op, int kernelH, int kernelW) {
        DepthwiseConv2DOptions o = (DepthwiseConv2DOptions) op.raw().builtinOptions(new DepthwiseConv2DOptions());
        if (o == null) {
            throw bad(f, op, "has no options");
        }
        return new Window(padding(f, op, o.padding()), o.strideH(), o.strideW(), Math.max(1, o.dilationHFactor()),
                Math.max(1, o.dilationWFactor()), kernelH, kernelW, Math.max(1, o.depthMultiplier()),
                activation(f, op, o.fusedActivationFunction()));
    }

    public static Window pool(TfliteFile f, TfliteFile.Op op) {
        Pool2DOptions o = (Pool2DOptions) op.raw().builtinOptions(new Pool2DOptions());
        if (o == null) {
            throw bad(f, op, "has no options");
        }
        return new Window(padding(f, op, o.padding()), o.strideH(), o.strideW(), 1, 1, o.filterHeight(),
                o.filterWidth(), 1, activation(f, op, o.fusedActivationFunction()));
    }

    public static byte fullyConnectedActivation(TfliteFile f, TfliteFile.Op op) {
        FullyConnectedOptions o = (FullyConnectedOptions) op.raw().builtinOptions(new FullyConnectedOptions());
        if (o == null) {
            return ActivationFunctionType.NONE;
        }
        if (o.weightsFormat() != 0) {
            throw bad(f, op, "uses shuffled weights, which are not supported");
        }
        return activation(f, op, o.fusedActivationFunction());
    }

    public static boolean keepDims(TfliteFile.Op op) {
        ReducerOptions o = (ReducerOptions) op.raw().builtinOptions(new ReducerOptions());
        return o != null && o.keepDims();
    }

    public static void checkSoftmax(TfliteFile f, TfliteFile.Op op) {
        SoftmaxOptions o = (SoftmaxOptions) op.raw().builtinOptions(new SoftmaxOptions());
        if (o != null && o.beta() != 1f) {
            throw bad(f, op, "has beta " + o.beta() + "; only 1 is supported");
        }
    }

    private static boolean padding(TfliteFile f, TfliteFile.Op op, byte p) {
        if (p == Padding.SAME) {
            return true;
        }
        if (p == Padding.VALID) {
            return false;
        }
        throw bad(f, op, "has unknown padding " + p);
    }

    private static byte activation(TfliteFile f, TfliteFile.Op op, byte a) {
        if (a == ActivationFunctionType.NONE || a == ActivationFunctionType.RELU || a == ActivationFunctionType.RELU6
                || a == ActivationFunctionType.RELU_N1_TO_1 || a == ActivationFunctionType.TANH) {
            return a;
        }
        throw bad(f, op, "has the unsupported fused activation " + ActivationFunctionType.name(a));
    }

    public static ModelException bad(TfliteFile f, TfliteFile.Op op, String what) {
        return new ModelException(f.file() + ": operator " + op.index() + " (" + op.name() + ") " + what);
    }

    /** Applies a fused activation to one value. */
    public static double activate(byte a, double v) {
        if (a == ActivationFunctionType.RELU) {
            return v < 0 ? 0 : v;
        }
        if (a == ActivationFunctionType.RELU6) {
            return v < 0 ? 0 : v > 6 ? 6 : v;
        }
        if (a == ActivationFunctionType.RELU_N1_TO_1) {
            return v < -1 ? -1 : v > 1 ? 1 : v;
        }
        if (a == ActivationFunctionType.TANH) {
            return Math.tanh(v);
        }
        return v;
    }
}
