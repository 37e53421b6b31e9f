package dev.hark.models.embed;

import dev.hark.core.frontend.FrontEndParams;
import dev.hark.core.frontend.FrontEndVariant;
import dev.hark.errors.ModelException;
import java.util.List;

/** What the YAMNet and VGGish embedders share: one checked graph, patch validation, batching. */
abstract class OnnxEmbedder implements Embedder {
    final OnnxGraph graph;
    private final String name;
    private final FrontEndVariant frontEnd;
    private final String inputName;
    private final long[] perPatchDims;
    private final boolean batchOfOne;

    OnnxEmbedder(OnnxGraph graph, String name, FrontEndVariant frontEnd, String inputName, long[] perPatchDims) {
        this.graph = graph;
        this.name = name;
        this.frontEnd = frontEnd;
        this.inputName = inputName;
        this.perPatchDims = perPatchDims.clone();
        this.batchOfOne = OnnxGraph.batchOfOne(graph.inputs().get(inputName));
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final FrontEndVariant frontEnd() {
        return frontEnd;
    }

    /** Where the graph was loaded from. */
    public final String location() {
        return graph.location();
    }

    /** The output names to read, the embedding first, then (if any) the scores. */
    abstract List<String> outputNames();

    @Override
    public final EmbeddingBatch embed(float[][][] patches) {
        for (int i = 0; i < patches.length; i++) {
            float[][] p = patches[i];
            if (p == null || p.length != FrontEndParams.PATCH_FRAMES) {
                throw new IllegalArgumentException("patch " + i + " has " + (p == null ? "no" : p.length)
                        + " frames, expected " + FrontEndParams.PATCH_FRAMES);
            }
            for (float[] row : p) {
                if (row == null || row.length != FrontEndParams.MEL_BANDS) {
                    throw new IllegalArgumentException("patch " + i + " has a frame of "
                            + (row == null ? "no" : row.length) + " bands, expected " + FrontEndParams.MEL_BANDS);
                }
            }
        }
        List<String> outs = outputNames();
        int n = patches.length;
        float[][] emb = new float[n][];
        float[][] scores = outs.size() > 1 ? new float[n][] : null;
        if (n == 0) {
            return new EmbeddingBatch(emb, scores);
        }
        int step = batchOfOne ? 1 : n;
        for (int start = 0; start < n; start += step) {
            float[][][] part = step == n ? patches : java.util.Arrays.copyOfRange(patches, start, start + step);
            float[][][] r = graph.run(inputName, part, perPatchDims, outs);
            for (int i = 0; i < part.length; i++) {
                emb[start + i] = r[0][i];
                if (scores != null) {
                    scores[start + i] = r[1][i];
                }
            }
        }
        if (emb[0].length != embeddingSize()) {
            throw new ModelException("model " + location() + " returned embeddings of " + emb[0].length
                    + " values, expected " + embeddingSize());
        }
        return new EmbeddingBatch(emb, scores);
    }

    @Override
    public final void close() {
        graph.close();
    }
}
