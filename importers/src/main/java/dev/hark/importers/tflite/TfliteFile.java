package dev.hark.importers.tflite;

import dev.hark.errors.BadInputException;
import dev.hark.errors.ModelException;
import dev.hark.importers.FloatTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.QuantizationParameters;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;
import org.tensorflow.lite.schema.TensorType;

/**
 * A TFLite flatbuffer read with the generated schema classes of {@code tensorflow-lite-metadata}
 * ({@code org.tensorflow.lite.schema}): the first subgraph's tensors and operators, and constant tensors
 * as float32 (int8/uint8 weights dequantised with their per-tensor or per-channel scales, float16 widened).
 */
public final class TfliteFile {
    /** One tensor: index, name, shape as stored (TFLite layouts: NHWC activations, OHWI conv weights). */
    public record TensorInfo(int index, String name, int[] shape, byte type, boolean constant) {
        public String typeName() {
            return type >= 0 && type < TensorType.names.length ? TensorType.name(type) : "type " + type;
        }

        /**
         * The element count: -1 when a dimension is dynamic (negative), {@code Long.MAX_VALUE} when the product of the
         * dimensions overflows (more than any file holds), never a product that wrapped around.
         */
        public long elements() {
            long n = 1;
            for (int d : shape) {
                if (d < 0) {
                    return -1;
                }
            }
            for (int d : shape) {
                try {
                    n = Math.multiplyExact(n, d);
                } catch (ArithmeticException e) {
                    return Long.MAX_VALUE;
                }
            }
            return n;
        }

        public String describe() {
            return "'" + name + "' " + Arrays.toString(shape) + " " + typeName();
        }
    }

    /** One operator: its builtin name, inputs and outputs (tensor indices, -1 for an absent optional input). */
    public record Op(int index, String name, int code, int[] inputs, int[] outputs,
            org.tensorflow.lite.schema.Operator raw) {
    }

    private final Path file;
    private final int scaleDecimals;
    private final Model model;
    private final SubGraph graph;
    private final List<TensorInfo> tensors;
    private final List<Op> ops;

    /** Upper bound for any vector length in the file: its size in 4-byte words. */
    private final int maxVector;

    private TfliteFile(Path file, Model model, int scaleDecimals, int fileBytes) {
        this.file = file;
        this.scaleDecimals = scaleDecimals;
        this.maxVector = fileBytes / 4;
        this.model = model;
        if (bounded(model.subgraphsLength(), "subgraph") < 1) {
            throw new ModelException(file + ": TFLite file without a subgraph");
        }
        this.graph = model.subgraphs(0);
        List<TensorInfo> ts = new ArrayList<>();
        bounded(model.buffersLength(), "buffer");
        bounded(model.operatorCodesLength(), "operator code");
        for (int i = 0; i < bounded(graph.tensorsLength(), "tensor"); i++) {
            Tensor t = graph.tensors(i);
            int[] shape = new int[bounded(t.shapeLength(), "dimension")];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = t.shape(d);
            }
            long buf = t.buffer();
            boolean constant = buf > 0 && buf < model.buffersLength() && model.buffers((int) buf).dataLength() > 0;
            ts.add(new TensorInfo(i, t.name() == null ? "tensor" + i : t.name(), shape, t.type(), constant));
        }
        this.tensors = List.copyOf(ts);
        List<Op> os = new ArrayList<>();
        for (int i = 0; i < bounded(graph.operatorsLength(), "operator"); i++) {
            org.tensorflow.lite.schema.Operator op = graph.operators(i);
            long opcode = op.opcodeIndex();
            if (opcode < 0 || opcode >= model.operatorCodesLength()) {
                throw new ModelException(file + ": operator " + i + " has an invalid operator code");
            }
            OperatorCode c = model.operatorCodes((int) opcode);
            // builtin_code replaced deprecated_builtin_code (a byte) when codes passed 127; take the larger
            int code = Math.max(c.builtinCode(), c.deprecatedBuiltinCode());
            String name = code == BuiltinOperator.CUSTOM ? "CUSTOM(" + c.customCode() + ")"
                    : code >= 0 && code < BuiltinOperator.names.length ? BuiltinOperator.name(code) : "operator " + code;
            int[] in = new int[bounded(op.inputsLength(), "operator input")];
            for (int k = 0; k < in.length; k++) {
                in[k] = op.inputs(k);
                checkTensor(in[k], true);
            }
            int[] out = new int[bounded(op.outputsLength(), "operator output")];
            for (int k = 0; k < out.length; k++) {
                out[k] = op.outputs(k);
                checkTensor(out[k], false);
            }
            os.add(new Op(i, name, code, in, out, op));
        }
        this.ops = List.copyOf(os);
    }

    private int bounded(int n, String what) {
        if (n < 0 || n > maxVector) {
            throw new ModelException(file + ": corrupt TFLite flatbuffer (" + n + " " + what + " entries in a file of "
                    + (4L * maxVector) + " bytes)");
        }
        return n;
    }

    private void checkTensor(int index, boolean optional) {
        if ((index < 0 && !(optional && index == -1)) || index >= tensors.size()) {
            throw new ModelException(file + ": an operator refers to tensor " + index + " of " + tensors.size());
        }
    }

    /** Reads and parses {@code file}; a file that is not a TFLite flatbuffer is bad input. */
    public static TfliteFile read(Path file) {
        return read(file, -1);
    }

    /**
     * As {@link #read(Path)}; with {@code scaleDecimals >= 0} every quantisation scale is first rounded to that many
     * decimal places, as a conversion through flatc's JSON text form does (6 places); -1 keeps the exact scales.
     */
    public static TfliteFile read(Path file, int scaleDecimals) {
        if (scaleDecimals < -1 || scaleDecimals > 12) {
            throw new BadInputException("scale decimals must be between 0 and 12 (or -1 for exact), not " + scaleDecimals);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 16 || !Model.ModelBufferHasIdentifier(bb)) {
            throw new BadInputException(file + ": not a TFLite model (no TFL3 flatbuffer identifier)");
        }
        try {
            return new TfliteFile(file, Model.getRootAsModel(bb), scaleDecimals, bytes.length);
        } catch (RuntimeException e) {
            throw corrupt(file, e);
        }
    }

    /**
     * Turns what decoding a damaged flatbuffer throws (offsets and lengths read from the damaged bytes: out of
     * bounds, negative sizes, null tables) into a {@link ModelException} in words, without Java internals.
     */
    public static RuntimeException corrupt(Path file, RuntimeException e) {
        if (e instanceof dev.hark.errors.HarkException) {
            return e;
        }
        return new ModelException(file + ": corrupt TFLite flatbuffer (an offset, length or table in it points "
                + "outside the file or is missing)", e);
    }

    public Path file() {
        return file;
    }

    public List<TensorInfo> tensors() {
        return tensors;
    }

    public TensorInfo tensor(int i) {
        return tensors.get(i);
    }

    public List<Op> ops() {
        return ops;
    }

    public int[] inputs() {
        int[] r = new int[graph.inputsLength()];
        for (int i = 0; i < r.length; i++) {
            r[i] = graph.inputs(i);
        }
        return r;
    }

    public int[] outputs() {
        int[] r = new int[graph.outputsLength()];
        for (int i = 0; i < r.length; i++) {
            r[i] = graph.outputs(i);
        }
        return r;
    }

    /** The raw bytes of a constant tensor's buffer (little-endian). */
    ByteBuffer rawData(int tensor) {
        Tensor t = graph.tensors(tensor);
        ByteBuffer b = model.buffers((int) t.buffer()).dataAsByteBuffer();
        if (b == null) {
            throw new ModelException(file + ": tensor " + tensors.get(tensor).describe() + " has no data");
        }
        return b.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A constant int32 tensor (shapes, axes). */
    public int[] constantInts(int tensor) {
        TensorInfo info = tensors.get(tensor);
        if (!info.constant() || info.type() != TensorType.INT32) {
            throw new ModelException(file + ": tensor " + info.describe() + " should be a constant int32 tensor");
        }
        ByteBuffer b = rawData(tensor);
        if (b.remaining() / 4 != info.elements()) {
            throw new ModelException(file + ": tensor " + info.describe() + " has " + b.remaining() + " bytes of data");
        }
        int[] r = new int[b.remaining() / 4];
        b.asIntBuffer().get(r);
        return r;
    }

    /**
     * A constant tensor as float32: float32 as is, float16 widened, int8/uint8 dequantised as
     * {@code scale[c] * (q - zeroPoint[c])} with c the index along the quantised dimension (per-channel) or
     * a single scale (per-tensor).
     */
    public float[] constantFloats(int tensor) {
        TensorInfo info = tensors.get(tensor);
        if (!info.constant()) {
            throw new ModelException(file + ": tensor " + info.describe() + " should be constant weights");
        }
        long n = info.elements();
        ByteBuffer b = rawData(tensor);
        byte type = info.type();
        int width = type == TensorType.FLOAT32 ? 4 : type == TensorType.FLOAT16 ? 2 : 1;
        if (n < 0) {
            throw new ModelException(file + ": constant tensor " + info.describe() + " has a dynamic shape");
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new ModelException(file + ": constant tensor " + info.describe() + " has " + (n == Long.MAX_VALUE
                    ? "more than 2^63" : n) + " elements, more than a Java array holds");
        }
        need(info, b, n * width);
        float[] out = new float[(int) n];
        if (type == TensorType.FLOAT32) {
            need(info, b, n * 4);
            b.asFloatBuffer().get(out);
            return out;
        }
        if (type == TensorType.FLOAT16) {
            need(info, b, n * 2);
            for (int i = 0; i < out.length; i++) {
                out[i] = FloatTensor.halfToFloat(b.getShort(i * 2));
            }
            return out;
        }
        if (type == TensorType.INT8 || type == TensorType.UINT8) {
            need(info, b, n);
            QuantizationParameters q = graph.tensors(tensor).quantization();
            if (q == null || q.scaleLength() == 0) {
                throw new ModelException(file + ": int8 tensor " + info.describe() + " has no quantisation scales");
            }
            int channels = q.scaleLength();
            int axis = q.quantizedDimension();
            int inner = 1;
            if (channels > 1) {
                if (axis < 0 || axis >= info.shape().length || info.shape()[axis] != channels) {
                    throw new ModelException(file + ": tensor " + info.describe() + " has " + channels
                            + " scales along dimension " + axis);
                }
                for (int d = axis + 1; d < info.shape().length; d++) {
                    inner *= info.shape()[d];
                }
            }
            double[] scale = new double[channels];
            long[] zero = new long[channels];
            double pow = Math.pow(10, Math.max(0, scaleDecimals));
            for (int c = 0; c < channels; c++) {
                scale[c] = scaleDecimals < 0 ? q.scale(c) : Math.rint(q.scale(c) * pow) / pow;
                zero[c] = q.zeroPointLength() > c ? q.zeroPoint(c) : q.zeroPointLength() == 1 ? q.zeroPoint(0) : 0;
            }
            for (int i = 0; i < out.length; i++) {
                int c = channels == 1 ? 0 : (i / inner) % channels;
                int v = type == TensorType.INT8 ? b.get(i) : (b.get(i) & 0xff);
                out[i] = (float) (scale[c] * (v - zero[c]));
            }
            return out;
        }
        throw new ModelException(file + ": weights of type " + info.typeName() + " (" + info.describe()
                + ") are not supported; float32, float16, int8 and uint8 are");
    }

    private void need(TensorInfo info, ByteBuffer b, long bytes) {
        if (b.remaining() < bytes) {
            throw new ModelException(file + ": tensor " + info.describe() + " has " + b.remaining() + " bytes of data, needs "
                    + bytes);
        }
    }

    /** Builtin options table of an operator, or null when it has none. */
    <T extends com.google.flatbuffers.Table> T options(Op op, T table) {
        return op.raw().builtinOptions(table) == null ? null : table;
    }
}
