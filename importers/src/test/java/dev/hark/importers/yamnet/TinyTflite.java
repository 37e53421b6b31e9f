package dev.hark.importers.yamnet;

import com.google.flatbuffers.FlatBufferBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.tensorflow.lite.schema.Buffer;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.QuantizationParameters;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;
import org.tensorflow.lite.schema.TensorType;

/** Builds small TFLite flatbuffers for tests with the same generated schema classes the importer reads. */
public final class TinyTflite {
    private record T(String name, int[] shape, byte type, byte[] data, float[] scales, long[] zeroPoints, int axis) {
    }

    private record O(int code, int[] in, int[] out, byte optionsType, ToIntFunction<FlatBufferBuilder> options) {
    }

    private final List<T> tensors = new ArrayList<>();
    private final List<O> ops = new ArrayList<>();
    private int[] inputs = new int[0];
    private int[] outputs = new int[0];

    int activation(String name, int... shape) {
        tensors.add(new T(name, shape, TensorType.FLOAT32, null, null, null, 0));
        return tensors.size() - 1;
    }

    int floats(String name, int[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        tensors.add(new T(name, shape, TensorType.FLOAT32, b.array(), null, null, 0));
        return tensors.size() - 1;
    }

    int ints(String name, int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        tensors.add(new T(name, new int[] {values.length}, TensorType.INT32, b.array(), null, null, 0));
        return tensors.size() - 1;
    }

    int int8(String name, int[] shape, byte[] q, float[] scales, long[] zeroPoints, int axis) {
        tensors.add(new T(name, shape, TensorType.INT8, q, scales, zeroPoints, axis));
        return tensors.size() - 1;
    }

    void op(int code, int[] in, int[] out, byte optionsType, ToIntFunction<FlatBufferBuilder> options) {
        ops.add(new O(code, in, out, optionsType, options));
    }

    void io(int[] in, int[] out) {
        inputs = in;
        outputs = out;
    }

    public byte[] build() {
        FlatBufferBuilder b = new FlatBufferBuilder(1 << 16);
        List<Integer> bufferOffsets = new ArrayList<>();
        Buffer.startBuffer(b);
        bufferOffsets.add(Buffer.endBuffer(b)); // buffer 0: empty, by convention
        int[] tensorOffsets = new int[tensors.size()];
        for (int i = 0; i < tensors.size(); i++) {
            T t = tensors.get(i);
            int bufferIndex = 0;
            if (t.data() != null) {
                int data = Buffer.createDataVector(b, t.data());
                bufferOffsets.add(Buffer.createBuffer(b, data));
                bufferIndex = bufferOffsets.size() - 1;
            }
            int quant = 0;
            if (t.scales() != null) {
                int sc = QuantizationParameters.createScaleVector(b, t.scales());
                int zp = QuantizationParameters.createZeroPointVector(b, t.zeroPoints());
                QuantizationParameters.startQuantizationParameters(b);
                QuantizationParameters.addScale(b, sc);
                QuantizationParameters.addZeroPoint(b, zp);
                QuantizationParameters.addQuantizedDimension(b, t.axis());
                quant = QuantizationParameters.endQuantizationParameters(b);
            }
            int name = b.createString(t.name());
            int shape = Tensor.createShapeVector(b, t.shape());
            Tensor.startTensor(b);
            Tensor.addShape(b, shape);
            Tensor.addType(b, t.type());
            Tensor.addBuffer(b, bufferIndex);
            Tensor.addName(b, name);
            if (quant != 0) {
                Tensor.addQuantization(b, quant);
            }
            tensorOffsets[i] = Tensor.endTensor(b);
        }
        Map<Integer, Integer> codeIndex = new LinkedHashMap<>();
        for (O o : ops) {
            codeIndex.putIfAbsent(o.code(), codeIndex.size());
        }
        int[] codeOffsets = new int[codeIndex.size()];
        for (Map.Entry<Integer, Integer> e : codeIndex.entrySet()) {
            OperatorCode.startOperatorCode(b);
            OperatorCode.addDeprecatedBuiltinCode(b, (byte) Math.min(127, e.getKey()));
            OperatorCode.addBuiltinCode(b, e.getKey());
            OperatorCode.addVersion(b, 1);
            codeOffsets[e.getValue()] = OperatorCode.endOperatorCode(b);
        }
        int[] opOffsets = new int[ops.size()];
        for (int i = 0; i < ops.size(); i++) {
            O o = ops.get(i);
            int options = o.options() == null ? 0 : o.options().applyAsInt(b);
            int in = Operator.createInputsVector(b, o.in());
            int out = Operator.createOutputsVector(b, o.out());
            Operator.startOperator(b);
            Operator.addOpcodeIndex(b, codeIndex.get(o.code()));
            Operator.addInputs(b, in);
            Operator.addOutputs(b, out);
            if (options != 0) {
                Operator.addBuiltinOptionsType(b, o.optionsType());
                Operator.addBuiltinOptions(b, options);
            }
            opOffsets[i] = Operator.endOperator(b);
        }
        int tv = SubGraph.createTensorsVector(b, tensorOffsets);
        int iv = SubGraph.createInputsVector(b, inputs);
        int ov = SubGraph.createOutputsVector(b, outputs);
        int opv = SubGraph.createOperatorsVector(b, opOffsets);
        SubGraph.startSubGraph(b);
        SubGraph.addTensors(b, tv);
        SubGraph.addInputs(b, iv);
        SubGraph.addOutputs(b, ov);
        SubGraph.addOperators(b, opv);
        int sg = SubGraph.endSubGraph(b);
        int codes = Model.createOperatorCodesVector(b, codeOffsets);
        int subgraphs = Model.createSubgraphsVector(b, new int[] {sg});
        int buffers = Model.createBuffersVector(b, bufferOffsets.stream().mapToInt(Integer::intValue).toArray());
        Model.startModel(b);
        Model.addVersion(b, 3);
        Model.addOperatorCodes(b, codes);
        Model.addSubgraphs(b, subgraphs);
        Model.addBuffers(b, buffers);
        Model.finishModelBuffer(b, Model.endModel(b));
        return b.sizedByteArray();
    }
}
