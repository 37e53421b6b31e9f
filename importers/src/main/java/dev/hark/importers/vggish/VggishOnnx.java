package dev.hark.importers.vggish;

import ai.onnx.proto.OnnxMl;
import dev.hark.importers.FloatTensor;
import dev.hark.importers.OnnxCheck;
import dev.hark.models.onnx.OnnxGraphBuilder;
import java.util.List;
import java.util.Map;

/**
 * Builds the VGGish ONNX graph from checked weights: input {@code log_mel_patch [N,96,64]} (the channel axis
 * is added inside), six 3x3 convolutions with padding 1 and ReLU, 2x2 max-pools after features 0, 3, 8 and
 * 13, the {@code [N,C,6,4] -> [N,6,4,C]} reorder and flatten, three Gemm layers with ReLU after the first two
 * (and after the last only if {@code finalRelu}), output {@code embedding [N,D]}.
 */
final class VggishOnnx {
    static final String INPUT = OnnxCheck.PATCH_INPUT;
    static final String OUTPUT = "embedding";

    private VggishOnnx() {
    }

    static OnnxMl.ModelProto build(VggishWeights w, boolean finalRelu, String producerVersion, Map<String, String> metadata) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("vggish");
        g.input(INPUT, -1, VggishWeights.PATCH_FRAMES, VggishWeights.PATCH_BANDS);
        String x = g.node("Unsqueeze", List.of(INPUT, g.longs("channel_axis", new long[] {1})), "patch_nchw");
        for (int i = 0; i < VggishWeights.CONV_INDICES.length; i++) {
            int idx = VggishWeights.CONV_INDICES[i];
            FloatTensor wt = w.convWeights().get(i);
            FloatTensor b = w.convBiases().get(i);
            String p = "features." + idx;
            String wn = g.floats(p + ".weight", dims(wt), wt.data());
            String bn = g.floats(p + ".bias", dims(b), b.data());
            x = g.node("Conv", List.of(x, wn, bn), p + ".conv", Map.of(
                    "kernel_shape", new long[] {3, 3}, "pads", new long[] {1, 1, 1, 1}, "strides", new long[] {1, 1}));
            x = g.node("Relu", List.of(x), p + ".relu");
            if (VggishWeights.POOL_AFTER[i]) {
                x = g.node("MaxPool", List.of(x), p + ".pool", Map.of(
                        "kernel_shape", new long[] {2, 2}, "strides", new long[] {2, 2}));
            }
        }
        x = g.node("Transpose", List.of(x), "features_nhwc", Map.of("perm", new long[] {0, 2, 3, 1}));
        x = g.node("Flatten", List.of(x), "features_flat", Map.of("axis", 1L));
        int layers = w.linearWeights().size();
        for (int i = 0; i < layers; i++) {
            FloatTensor wt = w.linearWeights().get(i);
            FloatTensor b = w.linearBiases().get(i);
            String p = "embeddings." + VggishWeights.LINEAR_INDICES[i];
            String wn = g.floats(p + ".weight", dims(wt), wt.data());
            String bn = g.floats(p + ".bias", dims(b), b.data());
            boolean last = i == layers - 1;
            boolean relu = !last || finalRelu;
            String out = last && !relu ? OUTPUT : p + ".gemm";
            x = g.node("Gemm", List.of(x, wn, bn), out, Map.of("transB", 1L));
            if (relu) {
                x = g.node("Relu", List.of(x), last ? OUTPUT : p + ".relu");
            }
        }
        g.output(OUTPUT, -1, w.embeddingSize());
        return g.model(producerVersion, "VGGish (Google, AudioSet) imported by hark models import-vggish; input: "
                + "VGGish log-mel patches (log offset 0.01), output: " + (finalRelu ? "embedding after the PyTorch port's final ReLU"
                : "embedding without a final activation (Google's definition)"), metadata);
    }

    private static long[] dims(FloatTensor t) {
        long[] d = new long[t.rank()];
        for (int i = 0; i < d.length; i++) {
            d[i] = t.dim(i);
        }
        return d;
    }
}
