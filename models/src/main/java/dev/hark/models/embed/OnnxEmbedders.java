package dev.hark.models.embed;

import dev.hark.errors.ModelException;
import java.util.List;
import java.util.function.Supplier;

/** Opens a graph whose kind is not known in advance: YAMNet if it has YAMNet's outputs, else VGGish. */
public final class OnnxEmbedders {
    private OnnxEmbedders() {
    }

    /** Starts loading ONNX Runtime in the background (call before reading a model file). Idempotent. */
    public static void prefetchRuntime() {
        OnnxGraph.prefetchRuntime();
    }

    /**
     * @param labels supplies YAMNet's class names, asked only when the graph is a YAMNet graph
     * @throws ModelException when the graph loads but is neither, naming both expectations
     */
    public static Embedder openAny(OnnxSource source, String name, Supplier<List<String>> labels, int threads) {
        String location = source.location();
        return OnnxGraph.openAs(source, threads, g -> {
            if (YamnetEmbedder.looksLikeYamnet(g)) {
                List<String> l = labels.get();
                YamnetEmbedder.check(g, l.size());
                return new YamnetEmbedder(g, name, List.copyOf(l));
            }
            try {
                return VggishEmbedder.of(g, name);
            } catch (ModelException notVggish) {
                throw new ModelException("model " + location + " is neither a YAMNet graph (input log_mel_patch "
                        + "[N,96,64]; outputs scores [N,521], embedding [N,1024]) nor a VGGish graph (one input "
                        + "[N,96,64] or [N,1,96,64], one output [N,128]): found " + g.signature(), notVggish);
            }
        });
    }
}
