package dev.hark.models.head;

import dev.hark.errors.BadInputException;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.EmbeddingBatch;
import java.util.List;

/**
 * The classifier head that comes with an embedder that has its own classes (YAMNet: the 521 AudioSet
 * labels): it passes the model's scores through unchanged.
 */
public final class AudioSetHead implements WindowClassifier {
    private final List<String> labels;
    private final String modelName;

    private AudioSetHead(String modelName, List<String> labels) {
        this.modelName = modelName;
        this.labels = labels;
    }

    /**
     * The head of {@code embedder}'s own classes.
     *
     * @throws BadInputException when the model has no labels (VGGish): a trained head is needed instead
     */
    public static AudioSetHead of(Embedder embedder) {
        if (embedder.labels().isEmpty()) {
            throw new BadInputException("model " + embedder.name() + " has no labels of its own (it only gives "
                    + "embeddings): use --model yamnet, or a classifier trained on its embeddings");
        }
        return new AudioSetHead(embedder.name(), List.copyOf(embedder.labels()));
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    /** The batch's own score rows (not copied: arrays handed on are never written). */
    @Override
    public float[][] classify(EmbeddingBatch batch) {
        float[][] s = batch.scores();
        if (s == null) {
            throw new IllegalArgumentException("a batch without scores reached the AudioSet head of " + modelName);
        }
        for (float[] row : s) {
            if (row.length != labels.size()) {
                throw new IllegalArgumentException("score row of " + row.length + " values for "
                        + labels.size() + " labels of " + modelName);
            }
        }
        return s;
    }

    @Override
    public String toString() {
        return "AudioSetHead[" + modelName + ", " + labels.size() + " labels]";
    }
}
