package dev.hark.live;

import dev.hark.config.listen.ListenSettings;
import dev.hark.core.concepts.ConceptScorer;
import dev.hark.core.events.EventTracker;
import dev.hark.live.gate.GateTimeline;
import dev.hark.live.gate.Gates;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import dev.hark.models.head.AudioSetHead;
import dev.hark.models.head.TrainedHead;
import dev.hark.models.head.WindowClassifier;
import java.util.List;

/**
 * What a {@link DetectionPipeline} opens from its settings: the embedder (unless given), the classifier, the
 * concepts tracked ({@link TrackedConcepts}) with their event tracker, and the activity gate (null when off). Either all are opened or, on an
 * error, whatever was opened is closed again.
 */
record PipelineModels(Embedder embedder, boolean ownsEmbedder, WindowClassifier classifier, ConceptScorer concepts,
        EventTracker tracker, GateTimeline gate) implements AutoCloseable {

    /**
     * @param givenEmbedder an open embedder or null to open {@code s.model()}
     * @param closeGiven whether {@link #close()} closes {@code givenEmbedder} too
     * @param givenClassifier a classifier or null for {@code s.classifier()} or the model's AudioSet labels
     */
    static PipelineModels open(ListenSettings s, Embedder givenEmbedder, boolean closeGiven,
            WindowClassifier givenClassifier) {
        boolean owns = givenEmbedder == null || closeGiven;
        Embedder e = givenEmbedder == null ? Embedders.open(s.model(), s.threads()) : givenEmbedder;
        WindowClassifier c = null;
        try {
            c = givenClassifier != null ? givenClassifier
                    : s.classifier() != null ? TrainedHead.forEmbedder(s.classifier(), e, s.model())
                    : AudioSetHead.of(e);
            List<String> labels = c.labels();
            ConceptScorer concepts = TrackedConcepts.resolve(labels, s.events(), !(c instanceof AudioSetHead));
            List<String> names = concepts.names();
            int[] columns = java.util.stream.IntStream.range(0, names.size()).toArray();
            EventTracker tracker = new EventTracker(names, columns, concepts.thresholds(), concepts.onsets(),
                    s.events());
            GateTimeline gate = Gates.timeline(s.gate()).orElse(null);
            return new PipelineModels(e, owns, c, concepts, tracker, gate);
        } catch (RuntimeException ex) {
            if (c instanceof TrainedHead t && c != givenClassifier) {
                t.close();
            }
            if (owns) {
                e.close();
            }
            throw ex;
        }
    }

    /** Closes the gate, a trained head's session, and the embedder if it was opened here; idempotent. */
    @Override
    public void close() {
        try {
            if (gate != null) {
                gate.close();
            }
            if (classifier instanceof TrainedHead t) {
                t.close();
            }
        } finally {
            if (ownsEmbedder) {
                embedder.close();
            }
        }
    }
}
