package dev.hark.models.embed;

/**
 * The output of one {@link Embedder#embed} call: {@code embeddings[N][D]} and, for models with their own
 * classes, {@code scores[N][C]} (else {@code null}). Arrays are never written after they are handed on.
 */
public record EmbeddingBatch(float[][] embeddings, float[][] scores) {
    public int size() {
        return embeddings.length;
    }
}
