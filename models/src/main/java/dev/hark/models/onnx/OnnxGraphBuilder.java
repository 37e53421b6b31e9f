package dev.hark.models.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * A small builder over ONNX's generated protobuf classes ({@code ai.onnx.proto.OnnxMl}, shipped by
 * tribuo-util-onnx): float initializers stored as little-endian raw data, nodes with int/ints/float
 * attributes, typed inputs and outputs with a symbolic batch dimension, and the model envelope with metadata.
 */
public final class OnnxGraphBuilder {
    public static final int OPSET = 13;
    /** ONNX IR version 7 is the first to carry opset 13. */
    public static final long IR_VERSION = 7;
    /** Name of the symbolic batch dimension. */
    public static final String BATCH = "N";

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private int nodes;

    public OnnxGraphBuilder(String name) {
        graph.setName(name);
    }

    /** A float32 initializer; {@code data} is copied into the protobuf. */
    public String floats(String name, long[] dims, float[] data) {
        ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(boxed(dims)).setRawData(UnsafeByteOperations.unsafeWrap(b.array())));
        return name;
    }

    /** A float64 initializer; {@code data} is copied into the protobuf (little-endian raw data). */
    public String doubles(String name, long[] dims, double[] data) {
        ByteBuffer b = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(data);
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.DOUBLE_VALUE)
                .addAllDims(boxed(dims)).setRawData(UnsafeByteOperations.unsafeWrap(b.array())));
        return name;
    }

    /** A float64 matrix initializer {@code [rows][cols]}, row-major. */
    public String doubles(String name, double[][] m) {
        int cols = m.length == 0 ? 0 : m[0].length;
        double[] flat = new double[m.length * cols];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, flat, i * cols, cols);
        }
        return doubles(name, new long[] {m.length, cols}, flat);
    }

    /** An int64 initializer (shapes, axes). */
    public String longs(String name, long[] data) {
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(data.length).addAllInt64Data(boxed(data)));
        return name;
    }

    /** A float32 scalar initializer. */
    public String scalar(String name, float value) {
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addFloatData(value));
        return name;
    }

    /** Adds a node with one output; attribute values are Long, long[], Float or String. */
    public String node(String op, List<String> inputs, String output, Map<String, Object> attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(op + "_" + (nodes++))
                .addAllInput(inputs).addOutput(output);
        attributes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> n.addAttribute(attribute(e.getKey(), e.getValue())));
        graph.addNode(n);
        return output;
    }

    /** Adds a node with several outputs (e.g. TopK's values and indices); returns the first. */
    public String node(String op, List<String> inputs, List<String> outputs, Map<String, Object> attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(op + "_" + (nodes++))
                .addAllInput(inputs).addAllOutput(outputs);
        attributes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> n.addAttribute(attribute(e.getKey(), e.getValue())));
        graph.addNode(n);
        return outputs.get(0);
    }

    public String node(String op, List<String> inputs, String output) {
        return node(op, inputs, output, Map.of());
    }

    private static AttributeProto attribute(String name, Object v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        if (v instanceof Long l) {
            a.setType(AttributeProto.AttributeType.INT).setI(l);
        } else if (v instanceof Integer i) {
            a.setType(AttributeProto.AttributeType.INT).setI(i);
        } else if (v instanceof long[] ls) {
            a.setType(AttributeProto.AttributeType.INTS).addAllInts(boxed(ls));
        } else if (v instanceof Float f) {
            a.setType(AttributeProto.AttributeType.FLOAT).setF(f);
        } else if (v instanceof String s) {
            a.setType(AttributeProto.AttributeType.STRING).setS(com.google.protobuf.ByteString.copyFromUtf8(s));
        } else {
            throw new IllegalArgumentException("attribute " + name + ": unsupported value " + v);
        }
        return a.build();
    }

    /** A float input; a dimension of -1 becomes the symbolic batch dimension. */
    public void input(String name, long... dims) {
        graph.addInput(valueInfo(name, TensorProto.DataType.FLOAT_VALUE, dims));
    }

    public void output(String name, long... dims) {
        graph.addOutput(valueInfo(name, TensorProto.DataType.FLOAT_VALUE, dims));
    }

    /** A float64 input; a dimension of -1 becomes the symbolic batch dimension. */
    public void doubleInput(String name, long... dims) {
        graph.addInput(valueInfo(name, TensorProto.DataType.DOUBLE_VALUE, dims));
    }

    /** A float64 output; a dimension of -1 becomes the symbolic batch dimension. */
    public void doubleOutput(String name, long... dims) {
        graph.addOutput(valueInfo(name, TensorProto.DataType.DOUBLE_VALUE, dims));
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, int elemType, long[] dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH)
                    : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        OnnxMl.TypeProto type = OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(elemType).setShape(shape)).build();
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    /** Wraps the graph into a model with opset {@link #OPSET} and the given metadata (kept in insertion order). */
    public OnnxMl.ModelProto model(String producerVersion, String docString, Map<String, String> metadata) {
        OnnxMl.ModelProto.Builder m = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("hark")
                .setProducerVersion(producerVersion)
                .setDocString(docString)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph);
        metadata.forEach((k, v) -> m.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    private static List<Long> boxed(long[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
