package dev.hark.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.config.OnsetRule;
import dev.hark.config.listen.EventSettings;
import dev.hark.core.audio.AudioFiles;
import dev.hark.core.events.DetectionEvent;
import dev.hark.errors.BadInputException;
import dev.hark.live.capture.SampleSource;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import dev.hark.testkit.Signals;
import dev.hark.testkit.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The synchronous pipeline gives what the threaded detector gives, however the audio is cut. */
class DetectionPipelineTest {
    static Embedder yamnet;

    @BeforeAll
    static void open() {
        yamnet = Embedders.open("yamnet", 1);
    }

    @AfterAll
    static void close() {
        yamnet.close();
    }

    /** Quiet room, the ESC-50 dog clip, quiet, a tone: the gate opens and closes, several labels start and end. */
    static float[] scene() {
        return Signals.concat(Signals.noise(3, -70, 1), AudioFiles.readMono16k(TestData.dogClip()),
                Signals.noise(2, -70, 2), Signals.sine(1000, 2, -20), Signals.noise(2, -70, 3));
    }

    static void assertSame(List<WindowScores> expected, List<WindowScores> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            WindowScores e = expected.get(i);
            WindowScores a = actual.get(i);
            String at = "window " + i;
            assertEquals(e.index(), a.index(), at);
            assertEquals(e.startSeconds(), a.startSeconds(), at);
            assertEquals(e.endSeconds(), a.endSeconds(), at);
            assertEquals(e.ran(), a.ran(), at);
            assertEquals(e.padded(), a.padded(), at);
            assertArrayEquals(e.scores(), a.scores(), at);
        }
    }

    @Test
    void sameWindowsAndEventsAsTheThreadedDetector() throws Exception {
        float[] scene = scene();
        DetectorTest.Collector threaded = new DetectorTest.Collector();
        try (Detector d = Detector.builder().source(new SampleSource(scene, 1, false)).embedder(yamnet).build()) {
            d.addListener(threaded);
            d.start();
            assertTrue(d.await(120, TimeUnit.SECONDS));
        }
        assertTrue(threaded.windows.stream().anyMatch(w -> !w.ran()), "the gate skipped some windows");
        assertFalse(threaded.onsets("dog").isEmpty());

        for (int chunk : new int[] {scene.length, 1234, 16_000}) {
            List<WindowScores> windows = new ArrayList<>();
            List<DetectionEvent> events = new ArrayList<>();
            try (DetectionPipeline p = DetectionPipeline.builder().embedder(yamnet).batchSize(1).build()) {
                for (int i = 0; i < scene.length; i += chunk) {
                    Detections got = p.process(java.util.Arrays.copyOfRange(scene, i, Math.min(scene.length,
                            i + chunk)), 16_000);
                    windows.addAll(got.windows());
                    events.addAll(got.events());
                }
                Detections rest = p.finish();
                windows.addAll(rest.windows());
                events.addAll(rest.events());
                assertThrows(IllegalStateException.class, () -> p.process(new float[10], 16_000));
            }
            assertSame(threaded.windows, windows);
            assertEquals(threaded.events, events, "chunks of " + chunk);
        }
    }

    @Test
    void otherRatesAreResampledAndSkippedAudioShiftsTimes() {
        float[] tone48k = new float[48_000 * 3];
        for (int i = 0; i < tone48k.length; i++) {
            tone48k[i] = (float) (0.1 * Math.sin(2 * Math.PI * 1000 * i / 48_000.0));
        }
        try (DetectionPipeline p = DetectionPipeline.builder().embedder(yamnet)
                .events(EventSettings.builder().rawLabels(true).labels("Beep, bleep").build()).build()) {
            p.skip(10.0);
            Detections a = p.process(tone48k, 48_000);
            Detections b = p.finish();
            assertEquals(3.0, p.processedSeconds(), 1e-3);
            List<WindowScores> windows = new ArrayList<>(a.windows());
            windows.addAll(b.windows()); // with batches of 32 windows, they come at finish()
            assertEquals(10.0, windows.get(0).startSeconds(), 1e-9);
            List<DetectionEvent> all = new ArrayList<>(a.events());
            all.addAll(b.events());
            assertEquals(List.of(DetectionEvent.Type.ONSET, DetectionEvent.Type.OFFSET),
                    all.stream().map(DetectionEvent::type).toList(), all.toString());
            assertTrue(all.get(0).startSeconds() >= 10.0, all.toString());
        }
    }

    /** The onsets of "Beep, bleep" in 3 s of a 1 kHz tone with that label's onset rule. */
    private static List<DetectionEvent> beepOnsets(OnsetRule rule) {
        EventSettings.Builder e = EventSettings.builder().rawLabels(true).labels("Beep, bleep");
        try (DetectionPipeline p = DetectionPipeline.builder().embedder(yamnet)
                .events((rule == null ? e : e.labelOnset("Beep, bleep", rule)).build()).build()) {
            List<DetectionEvent> all = new ArrayList<>(p.process(Signals.sine(1000, 3, -20), 16_000).events());
            all.addAll(p.finish().events());
            assertEquals(rule == null ? new OnsetRule(1, 1) : rule, p.onsets().get("Beep, bleep"));
            return all.stream().filter(d -> d.type() == DetectionEvent.Type.ONSET).toList();
        }
    }

    @Test
    void aLabelsOwnOnsetRuleDecidesItsOnsets() {
        List<DetectionEvent> one = beepOnsets(null);
        List<DetectionEvent> two = beepOnsets(new OnsetRule(2, 2));
        assertEquals(1, one.size(), one.toString());
        assertEquals(1, two.size(), two.toString());
        assertEquals(one.get(0).startSeconds(), two.get(0).startSeconds(), 1e-9, "the same sound, the same start");
        assertEquals(one.get(0).timeSeconds() + 0.48, two.get(0).timeSeconds(), 1e-9, "decided a hop later");
        assertTrue(beepOnsets(new OnsetRule(20, 20)).isEmpty(), "3 s of tone never gives 20 windows above");
    }

    @Test
    void badSettingsAndLabelsAreRefusedNamingThem() {
        assertEquals("bad value for model.hop-seconds: 0.005 (expected a positive multiple of 0.01 s, at most 60 s)",
                assertThrows(BadInputException.class, () -> DetectionPipeline.builder().embedder(yamnet)
                        .hopSeconds(0.005).build()).getMessage());
        String m = assertThrows(BadInputException.class, () -> DetectionPipeline.builder().embedder(yamnet)
                .events(EventSettings.builder().rawLabels(true).labels("Dgo").build()).build()).getMessage();
        assertTrue(m.startsWith("unknown label 'Dgo'"), m);
        assertEquals("bad value for model.threads: 65 (allowed 0 to 64; 0 means every core)",
                assertThrows(BadInputException.class, () -> Detector.builder()
                        .source(new SampleSource(new float[1], 1, false)).threads(65).build()).getMessage());
    }
}
