package dev.hark.models.embed;

import dev.hark.core.frontend.FrontEndParams;
import dev.hark.core.frontend.FrontEndVariant;
import dev.hark.errors.ModelException;
import java.util.List;

/**
 * VGGish through ONNX Runtime: any graph with one float input {@code [N,96,64]} or {@code [N,1,96,64]}
 * (front end offset 0.01) and one float output {@code [N,128]}: the raw (pre-PCA) embedding. Google's PCA
 * and quantisation are a separate step ({@link VggishPostprocessor}).
 */
public final class VggishEmbedder extends OnnxEmbedder {
    public static final int EMBEDDING_SIZE = 128;

    private final String output;

    private VggishEmbedder(OnnxGraph graph, String name, String input, long[] perPatchDims, String output) {
        super(graph, name, FrontEndVariant.VGGISH, input, perPatchDims);
        this.output = output;
    }

    /**
     * Loads and checks a VGGish-shaped graph.
     *
     * @throws ModelException when it cannot be loaded or its tensors do not have VGGish's shapes
     */
    public static VggishEmbedder open(OnnxSource source, String name, int threads) {
        return OnnxGraph.openAs(source, threads, g -> of(g, name));
    }

    static VggishEmbedder of(OnnxGraph g, String name) {
        int bands = FrontEndParams.MEL_BANDS;
        int frames = FrontEndParams.PATCH_FRAMES;
        String expected = "one input [N,96,64] or [N,1,96,64] and one output [N,128] (float32)";
        if (g.inputs().size() == 1 && g.outputs().size() == 1) {
            OnnxGraph.Shape in = g.inputs().values().iterator().next();
            OnnxGraph.Shape out = g.outputs().values().iterator().next();
            long[] dims = null;
            if (OnnxGraph.fits(in, new long[] {-1, frames, bands})) {
                dims = new long[] {frames, bands};
            } else if (OnnxGraph.fits(in, new long[] {-1, 1, frames, bands})) {
                dims = new long[] {1, frames, bands};
            }
            if (dims != null && OnnxGraph.fits(out, new long[] {-1, EMBEDDING_SIZE})) {
                return new VggishEmbedder(g, name, in.name(), dims, out.name());
            }
        }
        throw new ModelException("model " + g.location() + " is not a VGGish graph: expected " + expected
                + ", found " + g.signature());
    }

    @Override
    public int embeddingSize() {
        return EMBEDDING_SIZE;
    }

    @Override
    public List<String> labels() {
        return List.of();
    }

    @Override
    List<String> outputNames() {
        return List.of(output);
    }
}
