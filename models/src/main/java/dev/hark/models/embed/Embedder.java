package dev.hark.models.embed;

import dev.hark.core.frontend.FrontEndVariant;
import java.util.List;

/**
 * Turns log-mel patches into AudioSet embeddings (and, for models that have them, AudioSet class scores).
 * One instance owns one native session; it is used by one thread at a time and must be closed.
 */
public interface Embedder extends AutoCloseable {
    /** Short model name, e.g. {@code yamnet}, {@code vggish}, or the file name of a user model. */
    String name();

    /** The front end (log offset, default patch hop) that produces this model's input. */
    FrontEndVariant frontEnd();

    /** Length of one embedding vector (YAMNet 1024, VGGish 128). */
    int embeddingSize();

    /** Names of the model's own classes in output order (YAMNet: 521 AudioSet labels); empty if none. */
    List<String> labels();

    /**
     * Runs the model on {@code patches} ([N][96][64] log-mel, not modified) and returns N embeddings
     * and, when {@link #labels()} is not empty, N score rows.
     */
    EmbeddingBatch embed(float[][][] patches);

    /** Releases the native session; idempotent. */
    @Override
    void close();
}
