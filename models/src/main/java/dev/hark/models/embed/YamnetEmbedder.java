package dev.hark.models.embed;

import dev.hark.core.frontend.FrontEndParams;
import dev.hark.core.frontend.FrontEndVariant;
import dev.hark.errors.ModelException;
import java.util.List;

/**
 * YAMNet through ONNX Runtime: input {@code log_mel_patch [N,96,64]} (front end offset 0.001), outputs
 * {@code scores [N,C]} (sigmoid per AudioSet class; C = number of labels, 521) and {@code embedding [N,1024]}.
 */
public final class YamnetEmbedder extends OnnxEmbedder {
    public static final String INPUT = "log_mel_patch";
    public static final String SCORES = "scores";
    public static final String EMBEDDING = "embedding";
    public static final int EMBEDDING_SIZE = 1024;

    private static final long[] PATCH_DIMS = {FrontEndParams.PATCH_FRAMES, FrontEndParams.MEL_BANDS};
    private final List<String> labels;

    YamnetEmbedder(OnnxGraph graph, String name, List<String> labels) {
        super(graph, name, FrontEndVariant.YAMNET, INPUT, PATCH_DIMS);
        this.labels = labels;
    }

    /**
     * Loads and checks a YAMNet graph.
     *
     * @param source   the graph file or its content
     * @param name     the embedder's name ({@code yamnet} or the user's file name)
     * @param labels   class names in score order
     * @param threads  ONNX Runtime intra-op threads
     * @throws ModelException when it cannot be loaded or its tensors are not YAMNet's
     */
    public static YamnetEmbedder open(OnnxSource source, String name, List<String> labels, int threads) {
        return OnnxGraph.openAs(source, threads, g -> {
            check(g, labels.size());
            return new YamnetEmbedder(g, name, List.copyOf(labels));
        });
    }

    /** Whether a loaded graph has the output names of YAMNet (used to tell YAMNet from VGGish graphs). */
    static boolean looksLikeYamnet(OnnxGraph g) {
        return g.outputs().containsKey(SCORES) && g.outputs().containsKey(EMBEDDING);
    }

    static void check(OnnxGraph g, int classes) {
        String expected = "input " + INPUT + " [N,96,64]; outputs " + SCORES + " [N," + classes + "], "
                + EMBEDDING + " [N," + EMBEDDING_SIZE + "] (float32)";
        OnnxGraph.Shape in = g.inputs().get(INPUT);
        OnnxGraph.Shape sc = g.outputs().get(SCORES);
        OnnxGraph.Shape em = g.outputs().get(EMBEDDING);
        boolean ok = g.inputs().size() == 1 && in != null
                && OnnxGraph.fits(in, new long[] {-1, FrontEndParams.PATCH_FRAMES, FrontEndParams.MEL_BANDS})
                && sc != null && OnnxGraph.fits(sc, new long[] {-1, classes})
                && em != null && OnnxGraph.fits(em, new long[] {-1, EMBEDDING_SIZE});
        if (!ok) {
            throw new ModelException("model " + g.location() + " is not a YAMNet graph: expected " + expected
                    + ", found " + g.signature());
        }
    }

    @Override
    public int embeddingSize() {
        return EMBEDDING_SIZE;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    List<String> outputNames() {
        return List.of(EMBEDDING, SCORES);
    }
}
