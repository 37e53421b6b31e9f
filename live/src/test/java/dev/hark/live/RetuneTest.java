package dev.hark.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.config.listen.EventSettings;
import dev.hark.core.events.DetectionEvent;
import dev.hark.errors.BadInputException;
import dev.hark.live.capture.SampleSource;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Thresholds changed while the detector runs are in force from the next window. */
class RetuneTest {
    @Test
    void aThresholdRaisedMidStreamSilencesTheLabelFromThen() throws Exception {
        float[] scene = DetectionPipelineTest.scene();
        float[] twice = dev.hark.testkit.Signals.concat(scene, scene);
        double half = scene.length / 16_000.0;
        List<DetectionEvent> onsets = new ArrayList<>();
        try (Embedder yamnet = Embedders.open("yamnet", 1);
                Detector d = Detector.builder().source(new SampleSource(twice, 1, false)).embedder(yamnet)
                        .events(EventSettings.builder().labels("dog").build()).build()) {
            d.onEvent(e -> {
                if (e.type() == DetectionEvent.Type.ONSET) {
                    onsets.add(e);
                }
            });
            d.onWindow(w -> {
                if (w.startSeconds() >= half - 1 && w.startSeconds() < half - 0.5) {
                    d.setThresholds(EventSettings.builder().labelThreshold("dog", 1.0).build()); // mid-run
                }
            });
            d.start();
            assertTrue(d.await(120, TimeUnit.SECONDS));
            assertThrows(BadInputException.class,
                    () -> d.setThresholds(EventSettings.builder().labelThreshold("Nope", 0.5).build()));
        }
        assertFalse(onsets.isEmpty(), "the dog is heard in the first half");
        assertTrue(onsets.stream().allMatch(e -> e.timeSeconds() < half), "none after the retune: " + onsets);
        assertEquals(1, onsets.size());
    }

    @Test
    void aConceptKeepsItsOwnThresholdWhenAnotherIsRetuned() {
        float[] quiet = dev.hark.testkit.Signals.noise(2, -70, 4);
        try (Embedder yamnet = Embedders.open("yamnet", 1); DetectionPipeline p = DetectionPipeline.builder()
                .embedder(yamnet).concepts("dog", "speech").build()) {
            double speech = p.thresholds().get("speech");
            assertTrue(speech != EventSettings.defaults().threshold(), "the catalogue's own threshold: " + speech);
            p.process(quiet, 16_000);
            p.retune(EventSettings.builder().labelThreshold("dog", 0.9).build());
            p.process(quiet, 16_000);
            assertEquals(0.9, p.thresholds().get("dog"));
            assertEquals(speech, p.thresholds().get("speech"), "speech keeps its own threshold");
            p.retune(EventSettings.builder().labelThreshold("speech", 0.5).build());
            p.process(quiet, 16_000);
            assertEquals(0.5, p.thresholds().get("speech"));
        }
    }
}
