package dev.hark.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.audio.AudioFiles;
import dev.hark.core.events.DetectionEvent;
import dev.hark.errors.BadInputException;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.EmbeddingBatch;
import dev.hark.models.embed.Embedders;
import dev.hark.models.head.WindowClassifier;
import dev.hark.testkit.Signals;
import dev.hark.testkit.TestData;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A pipeline switches its head while running: events come from the new head's labels, and back. */
class HeadSwitchTest {
    /** A head that hears "thing" in every window it scores; counts its runs and whether it was closed. */
    static final class ThingHead implements WindowClassifier, AutoCloseable {
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public List<String> labels() {
            return List.of("thing", TrackedConcepts.UNKNOWN);
        }

        @Override
        public float[][] classify(EmbeddingBatch batch) {
            runs.incrementAndGet();
            float[][] out = new float[batch.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = new float[] {0.9f, 0.1f};
            }
            return out;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void eventsComeFromTheHeadInForceAndAnOpenEventEndsAtTheSwitch() {
        float[] dog = AudioFiles.readMono16k(TestData.dogClip());
        float[] quiet = Signals.noise(2, -70, 1);
        ThingHead thing = new ThingHead();
        try (Embedder yamnet = Embedders.open("yamnet", 1); DetectionPipeline p = DetectionPipeline.builder()
                .embedder(yamnet).concepts("dog").build()) {
            assertThrows(BadInputException.class, () -> p.switchHead(new WindowClassifier() {
                @Override
                public List<String> labels() {
                    return List.of(TrackedConcepts.UNKNOWN);
                }

                @Override
                public float[][] classify(EmbeddingBatch batch) {
                    return new float[batch.size()][1];
                }
            }, "empty"), "a head with nothing to raise events for is refused");
            Detections before = p.process(Signals.concat(quiet, dog, quiet), 16_000);
            assertTrue(before.events().stream().anyMatch(e -> e.label().equals("dog")), "the default head's dog");
            assertNull(p.switchedHead());

            p.switchHead(thing, "thing.hark");
            assertEquals(List.of("dog"), p.concepts(), "in force from the next audio, not before");
            float[] tone = Signals.sine(1000, 2, -20); // keeps the gate open: "thing" is going on at the end
            Detections taught = p.process(Signals.concat(quiet, dog, tone), 16_000);
            assertEquals("thing.hark", p.switchedHead());
            assertEquals(List.of("thing"), p.concepts(), "its labels, unknown aside");
            assertEquals(List.of("thing", "unknown"), p.labels());
            assertTrue(thing.runs.get() > 0);
            assertTrue(taught.events().stream().allMatch(e -> e.label().equals("thing")), taught.events().toString());
            assertTrue(taught.events().stream().anyMatch(e -> e.type() == DetectionEvent.Type.ONSET));
            assertTrue(taught.windows().stream().filter(WindowScores::ran).allMatch(w -> w.labels().size() == 2));

            // the tone still sounds when the head switches back: "thing" ends there, the default head goes on
            p.switchHead((WindowClassifier) null, null);
            Detections back = p.process(Signals.concat(tone, dog, quiet), 16_000);
            DetectionEvent first = back.events().get(0);
            assertEquals("thing", first.label(), back.events().toString());
            assertEquals(DetectionEvent.Type.OFFSET, first.type(), "the open event is closed at the switch");
            assertFalse(back.events().stream().skip(1).anyMatch(e -> e.label().equals("thing")));
            assertEquals(List.of("dog"), p.concepts());
            assertNull(p.switchedHead());
            assertEquals(1, thing.closed.get(), "a head switched away from is closed");
        }
        assertEquals(1, thing.closed.get(), "closed once");
    }
}
