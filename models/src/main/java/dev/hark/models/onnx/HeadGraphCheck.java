package dev.hark.models.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.CodedInputStream;
import dev.hark.errors.ModelException;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks an ONNX head graph from an untrusted bundle before ONNX Runtime sees it: one float64 input {@code [N,
 * width]} and one float64 output {@code [N, columns]} with the names Hark writes, standard operators of a short
 * list only (no control flow, no subgraphs, no functions, no custom domains), and initializers that are float64
 * or int64, stored in the file (never external data, which would make ONNX Runtime read other files), of sizes
 * that add up. A graph breaking a rule is a {@link ModelException} naming the bundle and the rule.
 */
public final class HeadGraphCheck {
    /** The operators Hark's heads are made of. */
    public static final Set<String> OPERATORS = Set.of("Add", "Sub", "Mul", "Div", "MatMul", "Softmax", "Relu",
            "Sigmoid", "Exp", "Sqrt", "Neg", "Max", "Concat", "ReduceSum", "TopK", "Gather", "Reshape");
    public static final int MIN_OPSET = 13;
    public static final int MAX_OPSET = 21;
    /** Most nodes a head has: an MLP of many layers is a few dozen. */
    public static final int MAX_NODES = 1000;
    /** Most values one initializer may hold, and all of them together (k-NN stores its training rows). */
    public static final long MAX_VALUES = 64L << 20;

    private HeadGraphCheck() {
    }

    /** Parses and checks {@code onnx}; {@code where} starts every message (it names the bundle). */
    public static OnnxMl.ModelProto check(byte[] onnx, String entry, String input, String output, int width,
            int columns, String where) {
        OnnxMl.ModelProto m;
        try {
            CodedInputStream in = CodedInputStream.newInstance(onnx);
            in.setRecursionLimit(32);
            m = OnnxMl.ModelProto.parseFrom(in);
        } catch (IOException | RuntimeException e) {
            // in words, not the parser's exception name (InvalidProtocolBufferException, InvalidWireTypeException)
            String why = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
            throw new ModelException(where + entry + " is not an ONNX model (" + (why.contains("recursion")
                    ? "its messages are nested more than 32 levels deep" : "its protobuf encoding is corrupt or truncated")
                    + ")", e);
        }
        String w = where + entry + ": ";
        for (OnnxMl.OperatorSetIdProto o : m.getOpsetImportList()) {
            if (!(o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))) {
                throw new ModelException(w + "imports operator domain '" + printable(o.getDomain())
                        + "'; a head uses standard ONNX operators only");
            }
            if (o.getVersion() < MIN_OPSET || o.getVersion() > MAX_OPSET) {
                throw new ModelException(w + "opset " + o.getVersion() + ", expected " + MIN_OPSET + " to " + MAX_OPSET);
            }
        }
        if (m.getOpsetImportCount() != 1) {
            throw new ModelException(w + m.getOpsetImportCount() + " opset imports, expected 1");
        }
        if (m.getFunctionsCount() > 0) {
            throw new ModelException(w + "defines functions; a head uses standard ONNX operators only");
        }
        OnnxMl.GraphProto g = m.getGraph();
        if (g.getNodeCount() == 0 || g.getNodeCount() > MAX_NODES) {
            throw new ModelException(w + g.getNodeCount() + " nodes, expected 1 to " + MAX_NODES);
        }
        for (OnnxMl.NodeProto n : g.getNodeList()) {
            if (!n.getDomain().isEmpty() || !OPERATORS.contains(n.getOpType())) {
                throw new ModelException(w + "operator '" + printable(n.getOpType()) + "'"
                        + (n.getDomain().isEmpty() ? "" : " of domain '" + printable(n.getDomain()) + "'")
                        + " is not one a Hark head uses (" + String.join(", ", new java.util.TreeSet<>(OPERATORS)) + ")");
            }
            for (OnnxMl.AttributeProto a : n.getAttributeList()) {
                if (a.hasG() || a.getGraphsCount() > 0 || a.hasT() || a.getTensorsCount() > 0
                        || !a.getRefAttrName().isEmpty()) {
                    throw new ModelException(w + "node " + printable(n.getName()) + " has a graph or tensor attribute");
                }
            }
        }
        Set<String> initialized = new HashSet<>();
        long total = 0;
        for (OnnxMl.TensorProto t : g.getInitializerList()) {
            total += values(t, w);
            if (total > MAX_VALUES) {
                throw new ModelException(w + "initializers hold more than " + MAX_VALUES + " values");
            }
            initialized.add(t.getName());
        }
        if (g.getSparseInitializerCount() > 0) {
            throw new ModelException(w + "has sparse initializers");
        }
        List<OnnxMl.ValueInfoProto> inputs = g.getInputList().stream().filter(i -> !initialized.contains(i.getName()))
                .toList();
        if (inputs.size() != 1 || !inputs.get(0).getName().equals(input)) {
            throw new ModelException(w + "expected one input '" + input + "', found "
                    + inputs.stream().map(i -> "'" + printable(i.getName()) + "'").toList());
        }
        shape(inputs.get(0), width, w + "input " + input);
        if (g.getOutputCount() != 1 || !g.getOutput(0).getName().equals(output)) {
            throw new ModelException(w + "expected one output '" + output + "', found "
                    + g.getOutputList().stream().map(i -> "'" + printable(i.getName()) + "'").toList());
        }
        shape(g.getOutput(0), columns, w + "output " + output);
        return m;
    }

    /** The declared values of {@code t}, checked against the bytes it really holds. */
    private static long values(OnnxMl.TensorProto t, String w) {
        String name = "initializer '" + printable(t.getName()) + "'";
        if (t.getDataLocation() == OnnxMl.TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new ModelException(w + name + " refers to external data; a head holds its weights itself");
        }
        long n = 1;
        for (long d : t.getDimsList()) {
            if (d < 0 || d > MAX_VALUES) {
                throw new ModelException(w + name + " has dimension " + d);
            }
            n *= d;
            if (n > MAX_VALUES) {
                throw new ModelException(w + name + " declares more than " + MAX_VALUES + " values");
            }
        }
        int type = t.getDataType();
        long held;
        if (type == OnnxMl.TensorProto.DataType.DOUBLE_VALUE) {
            held = t.hasRawData() ? t.getRawData().size() / 8 : t.getDoubleDataCount();
            if (t.hasRawData() && t.getRawData().size() % 8 != 0) {
                held = -1;
            }
        } else if (type == OnnxMl.TensorProto.DataType.INT64_VALUE) {
            held = t.hasRawData() ? t.getRawData().size() / 8 : t.getInt64DataCount();
            if (t.hasRawData() && t.getRawData().size() % 8 != 0) {
                held = -1;
            }
        } else {
            throw new ModelException(w + name + " is of ONNX type " + type + ", expected float64 or int64");
        }
        if (held != n) {
            throw new ModelException(w + name + " declares " + n + " values but holds " + held);
        }
        return n;
    }

    private static void shape(OnnxMl.ValueInfoProto v, int width, String what) {
        OnnxMl.TypeProto t = v.getType();
        if (!t.hasTensorType() || t.getTensorType().getElemType() != OnnxMl.TensorProto.DataType.DOUBLE_VALUE) {
            throw new ModelException(what + ": expected a float64 tensor");
        }
        OnnxMl.TensorShapeProto s = t.getTensorType().getShape();
        if (s.getDimCount() != 2 || s.getDim(0).hasDimValue() || !s.getDim(1).hasDimValue()
                || s.getDim(1).getDimValue() != width) {
            throw new ModelException(what + ": expected shape [N," + width + "], found " + describe(s));
        }
    }

    private static String describe(OnnxMl.TensorShapeProto s) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < s.getDimCount(); i++) {
            OnnxMl.TensorShapeProto.Dimension d = s.getDim(i);
            b.append(i == 0 ? "" : ",").append(d.hasDimValue() ? Long.toString(d.getDimValue()) : "N");
        }
        return b.append(']').toString();
    }

    private static String printable(String s) {
        String t = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }
}
