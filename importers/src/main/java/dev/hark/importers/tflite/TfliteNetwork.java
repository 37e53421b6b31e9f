package dev.hark.importers.tflite;

import dev.hark.errors.ModelException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tensorflow.lite.schema.BuiltinOperator;

/**
 * The part of a YAMNet TFLite graph that Hark imports: from the 96x64 log-mel patch that enters the first
 * convolution to the class scores, with the global-average-pooled embedding found on the way.
 *
 * <p>Two kinds of file are accepted. Log-mel-input variants (input {@code [96,64]} or {@code [1,96,64]}) reach
 * the patch through reshapes only. Waveform-input exports (TF Hub's {@code yamnet.tflite}, input
 * {@code [15600]} samples) compute their own spectrogram; when that front end ends in one 96x64 patch, it is
 * dropped, since Hark computes the same log-mel patches itself. Anything else is refused with a message
 * saying what is supported.
 */
public final class TfliteNetwork {
    public static final int FRAMES = 96;
    public static final int BANDS = 64;
    static final String SUPPORTED = "supported: YAMNet TFLite files whose convolution stack starts from one 96x64"
            + " log-mel patch (log-mel-input variants with input [96,64] or [1,96,64], or waveform-input exports"
            + " whose built-in front end ends in such a patch; that front end is dropped, Hark computes the"
            + " log-mel patches itself)";
    /** Operators the importer maps to ONNX (and the reference forward pass runs). */
    static final Set<Integer> OPS = Set.of(BuiltinOperator.CONV_2D, BuiltinOperator.DEPTHWISE_CONV_2D,
            BuiltinOperator.MEAN, BuiltinOperator.FULLY_CONNECTED, BuiltinOperator.LOGISTIC, BuiltinOperator.SOFTMAX,
            BuiltinOperator.RESHAPE, BuiltinOperator.SQUEEZE, BuiltinOperator.EXPAND_DIMS,
            BuiltinOperator.AVERAGE_POOL_2D, BuiltinOperator.MAX_POOL_2D, BuiltinOperator.DEQUANTIZE);
    private static final Set<Integer> LAYOUT_OPS = Set.of(BuiltinOperator.RESHAPE, BuiltinOperator.SQUEEZE,
            BuiltinOperator.EXPAND_DIMS);

    public final TfliteFile file;
    /** The patch tensor (NHWC [1,96,64,1]) where the imported graph starts. */
    public final int patch;
    /** The network's operators in file (topological) order. */
    public final List<TfliteFile.Op> ops;
    /** Tensor of the class scores (sigmoid output) and of the embedding (global average pool). */
    public final int scores;
    public final int embedding;
    /** Empty for log-mel-input files; else the distinct operators of the dropped front end. */
    public final Set<String> droppedFrontEnd;
    /** The file's own input tensor. */
    public final TfliteFile.TensorInfo fileInput;
    /** What the dropped front end adds before its logarithm (YAMNet: 0.001); NaN when unknown or not dropped. */
    public final double frontEndLogOffset;

    private TfliteNetwork(TfliteFile file, int patch, List<TfliteFile.Op> ops, int scores, int embedding,
            Set<String> dropped, TfliteFile.TensorInfo fileInput, double frontEndLogOffset) {
        this.file = file;
        this.patch = patch;
        this.ops = List.copyOf(ops);
        this.scores = scores;
        this.embedding = embedding;
        this.droppedFrontEnd = dropped;
        this.fileInput = fileInput;
        this.frontEndLogOffset = frontEndLogOffset;
    }

    public static TfliteNetwork analyse(TfliteFile f) {
        String src = f.file().toString();
        int[] inputs = f.inputs();
        if (inputs.length != 1) {
            throw new ModelException(src + ": " + inputs.length + " inputs; " + SUPPORTED);
        }
        TfliteFile.TensorInfo input = f.tensor(inputs[0]);
        int nTensors = f.tensors().size();
        TfliteFile.Op[] producer = new TfliteFile.Op[nTensors];
        for (TfliteFile.Op op : f.ops()) {
            for (int o : op.outputs()) {
                producer[o] = op;
            }
        }
        // the patch: input of the first convolution
        TfliteFile.Op firstConv = f.ops().stream().filter(o -> o.code() == BuiltinOperator.CONV_2D
                || o.code() == BuiltinOperator.DEPTHWISE_CONV_2D).findFirst().orElseThrow(() -> new ModelException(
                        src + ": no convolution in the graph: not a YAMNet model; " + SUPPORTED));
        int patch = firstConv.inputs()[0];
        int[] ps = f.tensor(patch).shape();
        if (ps.length != 4 || ps[1] != FRAMES || ps[2] != BANDS || ps[3] != 1) {
            throw new ModelException(src + ": the first convolution reads " + f.tensor(patch).describe()
                    + ", not a 96x64 log-mel patch [1,96,64,1]; " + SUPPORTED);
        }
        // how the patch is computed from the file's input
        Set<String> frontEnd = new TreeSet<>();
        List<TfliteFile.Op> logs = new ArrayList<>();
        boolean onlyLayout = true;
        boolean reachesInput = false;
        BitSet seen = new BitSet();
        List<Integer> todo = new ArrayList<>(List.of(patch));
        while (!todo.isEmpty()) {
            int t = todo.remove(todo.size() - 1);
            if (seen.get(t)) {
                continue;
            }
            seen.set(t);
            if (t == inputs[0]) {
                reachesInput = true;
                continue;
            }
            TfliteFile.Op p = producer[t];
            if (p == null) {
                continue;
            }
            frontEnd.add(p.name());
            if (p.code() == BuiltinOperator.LOG) {
                logs.add(p);
            }
            if (!LAYOUT_OPS.contains(p.code())) {
                onlyLayout = false;
            }
            for (int i : p.inputs()) {
                if (i >= 0 && !f.tensor(i).constant()) {
                    todo.add(i);
                }
            }
        }
        if (!reachesInput) {
            throw new ModelException(src + ": the patch " + f.tensor(patch).describe()
                    + " does not come from the model's input; " + SUPPORTED);
        }
        boolean logMelInput = onlyLayout && input.elements() == (long) FRAMES * BANDS;
        if (onlyLayout && !logMelInput) {
            throw new ModelException(src + ": input " + input.describe() + " is reshaped into the patch but is not"
                    + " one 96x64 log-mel patch; " + SUPPORTED);
        }
        if (!logMelInput && !frontEnd.contains("LOG")) {
            throw new ModelException(src + ": input " + input.describe() + " is neither a 96x64 log-mel patch nor a"
                    + " waveform turned into log-mel patches by the model (no LOG operator before the network; found "
                    + String.join(", ", frontEnd) + "); " + SUPPORTED);
        }
        // the network: operators needed for the outputs, given the patch
        BitSet network = new BitSet();
        int scores = -1;
        for (int out : f.outputs()) {
            TfliteFile.Op p = producer[out];
            if (p != null && p.code() == BuiltinOperator.LOGISTIC) {
                if (scores >= 0) {
                    throw new ModelException(src + ": two sigmoid outputs; expected one score output");
                }
                scores = out;
            }
        }
        if (scores < 0) {
            throw new ModelException(src + ": no output is a sigmoid (class scores); outputs: " + describe(f, f.outputs()));
        }
        BitSet visited = new BitSet();
        List<Integer> stack = new ArrayList<>(List.of(scores));
        while (!stack.isEmpty()) {
            int t = stack.remove(stack.size() - 1);
            if (t == patch || visited.get(t)) {
                continue;
            }
            visited.set(t);
            if (f.tensor(t).constant()) {
                continue;
            }
            TfliteFile.Op p = producer[t];
            if (p == null) {
                throw new ModelException(src + ": the scores depend on " + f.tensor(t).describe()
                        + ", which is not the log-mel patch; " + SUPPORTED);
            }
            network.set(p.index());
            for (int i : p.inputs()) {
                if (i >= 0) {
                    stack.add(i);
                }
            }
        }
        List<TfliteFile.Op> ops = new ArrayList<>();
        Set<String> unsupported = new LinkedHashSet<>();
        for (TfliteFile.Op op : f.ops()) {
            if (network.get(op.index())) {
                ops.add(op);
                if (!OPS.contains(op.code())) {
                    unsupported.add(op.name());
                }
            }
        }
        if (!unsupported.isEmpty()) {
            throw new ModelException(src + ": unsupported TFLite operator " + String.join(", ", unsupported)
                    + " in the network; supported: CONV_2D, DEPTHWISE_CONV_2D, MEAN, FULLY_CONNECTED, LOGISTIC,"
                    + " SOFTMAX, RESHAPE, SQUEEZE, EXPAND_DIMS, AVERAGE_POOL_2D, MAX_POOL_2D, DEQUANTIZE");
        }
        // the embedding: input of the dense layer whose output the sigmoid reads, made by a global average pool
        TfliteFile.Op sigmoid = producer[scores];
        TfliteFile.Op dense = producer[sigmoid.inputs()[0]];
        if (dense == null || dense.code() != BuiltinOperator.FULLY_CONNECTED) {
            throw new ModelException(src + ": the sigmoid does not read a dense (FULLY_CONNECTED) layer; cannot find"
                    + " the embedding; " + SUPPORTED);
        }
        int embedding = dense.inputs()[0];
        TfliteFile.Op pool = producer[embedding];
        while (pool != null && LAYOUT_OPS.contains(pool.code())) {
            pool = producer[pool.inputs()[0]];
        }
        if (pool == null || pool.code() != BuiltinOperator.MEAN) {
            throw new ModelException(src + ": the dense layer's input " + f.tensor(embedding).describe()
                    + " is not a global average pool (MEAN); cannot find the embedding");
        }
        Set<String> dropped = logMelInput ? Set.of() : frontEnd;
        double offset = logMelInput || logs.size() != 1 ? Double.NaN : logOffset(f, producer[logs.get(0).inputs()[0]]);
        return new TfliteNetwork(f, patch, ops, scores, embedding, dropped, input, offset);
    }

    /**
     * The constant added just before the front end's logarithm: the bias of the mel-matrix product (TFLite folds
     * {@code log(mel + offset)} that way) or the constant of an ADD; NaN unless it is one value.
     */
    private static double logOffset(TfliteFile f, TfliteFile.Op before) {
        if (before == null) {
            return Double.NaN;
        }
        int constant = -1;
        if (before.code() == BuiltinOperator.FULLY_CONNECTED && before.inputs().length > 2) {
            constant = before.inputs()[2];
        } else if (before.code() == BuiltinOperator.ADD && before.inputs().length == 2) {
            constant = f.tensor(before.inputs()[1]).constant() ? before.inputs()[1] : before.inputs()[0];
        }
        if (constant < 0 || !f.tensor(constant).constant()) {
            return Double.NaN;
        }
        float[] v = f.constantFloats(constant);
        for (float x : v) {
            if (x != v[0]) {
                return Double.NaN;
            }
        }
        return v.length == 0 ? Double.NaN : v[0];
    }

    public int classes() {
        int[] s = file.tensor(scores).shape();
        return s[s.length - 1];
    }

    public int embeddingSize() {
        int[] s = file.tensor(embedding).shape();
        return s[s.length - 1];
    }

    private static String describe(TfliteFile f, int[] tensors) {
        return String.join(", ", Arrays.stream(tensors).mapToObj(t -> f.tensor(t).describe()).toList());
    }
}
