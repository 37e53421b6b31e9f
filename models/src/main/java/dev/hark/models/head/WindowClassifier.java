package dev.hark.models.head;

import dev.hark.models.embed.EmbeddingBatch;
import java.util.List;

/**
 * A classifier head: turns an embedder's output for N windows into N rows of label scores in [0, 1].
 * The AudioSet head passes the model's own scores through; a trained head ({@code .hark} bundle) uses the
 * embeddings.
 */
public interface WindowClassifier {
    /** Label names, in the order of the score columns. */
    List<String> labels();

    /** Scores [N][labels().size()] for the N windows of {@code batch}. */
    float[][] classify(EmbeddingBatch batch);
}
