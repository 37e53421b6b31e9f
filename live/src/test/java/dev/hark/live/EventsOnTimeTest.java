package dev.hark.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.audio.AudioFiles;
import dev.hark.core.events.DetectionEvent;
import dev.hark.live.capture.AudioSource;
import dev.hark.live.capture.SampleSource;
import dev.hark.live.capture.SourceFormat;
import java.io.IOException;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import dev.hark.testkit.Signals;
import dev.hark.testkit.TestData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Outputs leave as soon as the stream time that decides them has passed, gate open or closed: a dog clip then 12 s
 * of a quiet room, fed at real-time pace; the gate closes after the dog, and the offset must come within 1 s (of
 * wall-clock time) of its decision time, not when the stream ends.
 */
class EventsOnTimeTest {
    private record Stamped(DetectionEvent event, double wallSeconds) {
    }

    /** A real-time source that notes the wall-clock time at which each tenth of a stream second was delivered. */
    private static final class Clocked implements AudioSource {
        private final AudioSource in;
        private final double[] deliveredAtSeconds;
        private long samples;

        Clocked(AudioSource in, double streamSeconds) {
            this.in = in;
            this.deliveredAtSeconds = new double[(int) Math.ceil(streamSeconds * 10) + 2];
            java.util.Arrays.fill(deliveredAtSeconds, Double.NaN);
        }

        @Override
        public String name() {
            return in.name();
        }

        @Override
        public SourceFormat open() {
            return in.open();
        }

        @Override
        public int read(float[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                long before = samples;
                samples += n;
                double now = System.nanoTime() / 1e9;
                for (long s = before / 1_600 + 1; s <= samples / 1_600 && s < deliveredAtSeconds.length; s++) {
                    deliveredAtSeconds[(int) s] = now;
                }
            }
            return n;
        }

        /** Wall-clock seconds (nanoTime) at which the stream reached {@code streamSeconds} (to 0.1 s, rounded up). */
        double wallAt(double streamSeconds) {
            return deliveredAtSeconds[(int) Math.ceil(streamSeconds * 10 - 1e-9)];
        }

        @Override
        public boolean realtime() {
            return true;
        }

        @Override
        public boolean reconnectable() {
            return false;
        }

        @Override
        public void close() {
            in.close();
        }
    }

    @Test
    void theOffsetAfterTheGateClosesComesWithinOneSecondOfItsDecision() throws Exception {
        float[] scene = Signals.concat(Signals.noise(1, -70, 1), AudioFiles.readMono16k(TestData.dogClip()),
                Signals.noise(12, -70, 2));
        double streamSeconds = scene.length / 16_000.0;
        List<Stamped> events = Collections.synchronizedList(new ArrayList<>());
        List<Double> lastWindowLag = Collections.synchronizedList(new ArrayList<>());
        Clocked source = new Clocked(new SampleSource(scene, 1, true), streamSeconds);
        try (Embedder yamnet = Embedders.open("yamnet", 1);
                Detector d = Detector.builder().source(source).embedder(yamnet).concepts("dog").build()) {
            d.addListener(new DetectionListener() {
                @Override
                public void onEvent(DetectionEvent e) {
                    events.add(new Stamped(e, System.nanoTime() / 1e9 - source.wallAt(e.timeSeconds())));
                }

                @Override
                public void onWindow(WindowScores w) {
                    double delivered = source.wallAt(w.endSeconds());
                    if (w.endSeconds() < streamSeconds - 0.5 && !Double.isNaN(delivered)) {
                        lastWindowLag.add(System.nanoTime() / 1e9 - delivered);
                    }
                }
            });
            d.start();
            assertTrue(d.await(60, TimeUnit.SECONDS));
        }
        List<Stamped> offsets = events.stream().filter(s -> s.event().type() == DetectionEvent.Type.OFFSET).toList();
        assertFalse(offsets.isEmpty(), "the dog event ended: " + events);
        Stamped off = offsets.get(0);
        assertEquals("dog", off.event().label());
        assertTrue(off.event().sources().contains("Dog") || off.event().sources().contains("Bark"),
                "the event says which labels made it: " + off.event().sources());
        assertTrue(off.event().timeSeconds() < streamSeconds - 5, "decided long before the end: " + off.event());
        double late = off.wallSeconds(); // seconds between the audio deciding it arriving and the offset leaving
        assertTrue(late < 1.0, "the offset left " + late + " s after its decision time");
        // windows skipped by the closed gate are reported on time too (the last ones, long after the model's last run)
        assertTrue(lastWindowLag.size() > 20, lastWindowLag.size() + " windows timed");
        double worst = lastWindowLag.subList(lastWindowLag.size() / 2, lastWindowLag.size()).stream()
                .mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(worst < 1.0, "a window line left " + worst + " s after its end");
    }
}
