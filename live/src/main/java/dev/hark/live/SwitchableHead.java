package dev.hark.live;

import dev.hark.models.embed.EmbeddingBatch;
import dev.hark.models.head.WindowClassifier;
import java.util.List;

/**
 * The head a {@link DetectionPipeline}'s analyzers call: the one in force, which the pipeline changes between two
 * model runs on its processing thread ({@link DetectionPipeline#switchHead}). Used by that thread only.
 */
final class SwitchableHead implements WindowClassifier {
    private WindowClassifier current;

    SwitchableHead(WindowClassifier first) {
        this.current = first;
    }

    WindowClassifier current() {
        return current;
    }

    void set(WindowClassifier next) {
        this.current = next;
    }

    @Override
    public List<String> labels() {
        return current.labels();
    }

    @Override
    public float[][] classify(EmbeddingBatch batch) {
        return current.classify(batch);
    }

    @Override
    public String toString() {
        return current.toString();
    }
}
