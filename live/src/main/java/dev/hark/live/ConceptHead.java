package dev.hark.live;

import dev.hark.config.listen.EventSettings;
import dev.hark.core.concepts.ConceptScorer;
import dev.hark.models.embed.EmbeddingBatch;
import dev.hark.models.head.WindowClassifier;
import java.util.List;

/**
 * A head that scores concepts instead of labels: the scores of another head (the AudioSet labels) grouped by
 * {@link ConceptScorer} (a concept's score is the maximum of its classes'). For clip commands ({@code hark
 * classify}); a level concept scores 0 here (clips are not levelled against a noise floor).
 */
public final class ConceptHead implements WindowClassifier {
    private final WindowClassifier labels;
    private final ConceptScorer concepts;

    private ConceptHead(WindowClassifier labels, ConceptScorer concepts) {
        this.labels = labels;
        this.concepts = concepts;
    }

    /** The concepts {@code events} tracks over the AudioSet labels of {@code audioSetHead}. */
    public static ConceptHead over(WindowClassifier audioSetHead, EventSettings events) {
        return new ConceptHead(audioSetHead, TrackedConcepts.resolve(audioSetHead.labels(), events, false));
    }

    @Override
    public List<String> labels() {
        return concepts.names();
    }

    @Override
    public float[][] classify(EmbeddingBatch batch) {
        float[][] raw = labels.classify(batch);
        float[][] out = new float[raw.length][];
        for (int i = 0; i < raw.length; i++) {
            out[i] = concepts.score(raw[i], 0f);
        }
        return out;
    }

    @Override
    public String toString() {
        return "ConceptHead[" + concepts.names().size() + " concepts over " + labels + "]";
    }
}
