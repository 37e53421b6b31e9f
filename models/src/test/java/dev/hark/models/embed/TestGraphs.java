package dev.hark.models.embed;

import ai.onnx.proto.OnnxMl;
import java.util.Random;

/** Small ONNX graphs built in tests (ONNX protobuf classes from tribuo-util-onnx). */
public final class TestGraphs {
    private TestGraphs() {
    }

    static OnnxMl.ValueInfoProto tensor(String name, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }

    static OnnxMl.TensorProto floats(String name, float[] values, long... dims) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber());
        for (long d : dims) {
            t.addDims(d);
        }
        for (float v : values) {
            t.addFloatData(v);
        }
        return t.build();
    }

    static OnnxMl.TensorProto longs(String name, long... values) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber()).addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    static OnnxMl.NodeProto node(String op, String[] in, String... out) {
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(op + "_" + out[0]);
        for (String s : in) {
            n.addInput(s);
        }
        for (String s : out) {
            n.addOutput(s);
        }
        return n.build();
    }

    static byte[] model(OnnxMl.GraphProto graph) {
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("hark-test")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph).build().toByteArray();
    }

    /** A linear VGGish-shaped graph: input {@code [N,inputDims...]} flattened, times W [6144,d] plus b. */
    public record Linear(byte[] onnx, float[][] weights, float[] bias) {
        /** The graph's output for one patch, in double. */
        double[] apply(float[][] patch) {
            int d = bias.length;
            double[] out = new double[d];
            for (int j = 0; j < d; j++) {
                double s = bias[j];
                for (int r = 0; r < patch.length; r++) {
                    for (int c = 0; c < patch[r].length; c++) {
                        s += (double) patch[r][c] * weights[r * patch[r].length + c][j];
                    }
                }
                out[j] = s;
            }
            return out;
        }
    }

    /** Input named {@code input} of shape {@code inputDims} (first -1 = batch), output {@code out} [N,d]. */
    public static Linear linear(String input, long[] inputDims, String out, int d, long seed) {
        return linear(input, inputDims, out, d, d, seed);
    }

    /** As {@link #linear(String, long[], String, int, long)}, the output's width declared {@code declaredWidth} (-1: free). */
    public static Linear linear(String input, long[] inputDims, String out, int d, long declaredWidth, long seed) {
        int k = 96 * 64;
        Random rnd = new Random(seed);
        float[][] w = new float[k][d];
        float[] flat = new float[k * d];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < d; j++) {
                w[i][j] = (float) (rnd.nextGaussian() * 0.01);
                flat[i * d + j] = w[i][j];
            }
        }
        float[] b = new float[d];
        for (int j = 0; j < d; j++) {
            b[j] = (float) rnd.nextGaussian();
        }
        OnnxMl.GraphProto g = OnnxMl.GraphProto.newBuilder().setName("linear")
                .addInput(tensor(input, inputDims))
                .addOutput(tensor(out, -1, declaredWidth))
                .addInitializer(longs("flat_shape", -1, k))
                .addInitializer(floats("W", flat, k, d))
                .addInitializer(floats("b", b, d))
                .addNode(node("Reshape", new String[] {input, "flat_shape"}, "t_flat"))
                .addNode(node("MatMul", new String[] {"t_flat", "W"}, "t_xw"))
                .addNode(node("Add", new String[] {"t_xw", "b"}, out))
                .build();
        return new Linear(model(g), w, b);
    }

    /** A graph with YAMNet's tensor names but a wrong input shape ([N,96,32]). */
    public static byte[] yamnetNamesWrongShape() {
        float[] w = new float[96 * 32 * 521];
        float[] w2 = new float[96 * 32 * 1024];
        OnnxMl.GraphProto g = OnnxMl.GraphProto.newBuilder().setName("bad")
                .addInput(tensor("log_mel_patch", -1, 96, 32))
                .addOutput(tensor("scores", -1, 521))
                .addOutput(tensor("embedding", -1, 1024))
                .addInitializer(longs("flat_shape", -1, 96 * 32))
                .addInitializer(floats("W", w, 96 * 32, 521))
                .addInitializer(floats("W2", w2, 96 * 32, 1024))
                .addNode(node("Reshape", new String[] {"log_mel_patch", "flat_shape"}, "x"))
                .addNode(node("MatMul", new String[] {"x", "W"}, "scores"))
                .addNode(node("MatMul", new String[] {"x", "W2"}, "embedding"))
                .build();
        return model(g);
    }
}
