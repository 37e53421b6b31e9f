package dev.hark.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.config.listen.GateMode;
import dev.hark.config.listen.GateSettings;
import dev.hark.core.events.DetectionEvent;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import dev.hark.models.head.AudioSetHead;
import dev.hark.models.pipeline.WindowAnalyzer;
import dev.hark.models.pipeline.WindowResult;
import dev.hark.testkit.Signals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The window where the gate opens: when it is planned, what it holds, and what it gains. */
class OnsetWindowsTest {
    static Embedder yamnet;
    private static final int HOP = 48; // frames: 0.48 s
    private static final long HOP_SAMPLES = HOP * 160L;

    @BeforeAll
    static void open() {
        yamnet = Embedders.open("yamnet", 1);
    }

    @AfterAll
    static void close() {
        yamnet.close();
    }

    @Test
    void plannedToEndAQuarterSecondAfterTheOpeningUnlessTheGridIsAsClose() {
        // opening at 4.30 s: grid windows end at 4.335 and 4.815 s, the onset window at 4.555 s
        long start = OnsetWindows.planFor(68_800, HOP_SAMPLES);
        assertEquals(72_880 - OnsetWindows.WINDOW_SAMPLES, start);
        assertEquals(0, start % 160, "on the front end's 10 ms frames");
        // opening at 4.10 s: its window would end at 4.35 s, 15 ms after the grid's: none
        assertEquals(-1, OnsetWindows.planFor(65_600, HOP_SAMPLES));
        // opening at 4.64 s: the grid's window at 4.815 s ends 75 ms before the onset window would: none
        assertEquals(-1, OnsetWindows.planFor(74_240, HOP_SAMPLES));
        // opening at 0.2 s: the stream's first window (0.975 s) is there as early
        assertEquals(-1, OnsetWindows.planFor(3_200, HOP_SAMPLES));
        // a fine grid has a window close to every moment
        assertEquals(-1, OnsetWindows.planFor(68_800, 10 * 160L));
        // for every opening: either no window, or one ending 0.25 to 0.26 s after it and 0.1 s or more off the grid
        for (long onset = 0; onset < 20 * 16_000; onset += 480) {
            long s = OnsetWindows.planFor(onset, HOP_SAMPLES);
            if (s >= 0) {
                long end = s + OnsetWindows.WINDOW_SAMPLES;
                assertTrue(end - onset >= 4000 && end - onset < 4160, "opening " + onset + " -> " + end);
                long toGrid = Math.floorMod(end - OnsetWindows.WINDOW_SAMPLES, HOP_SAMPLES);
                assertTrue(toGrid > 1600 && HOP_SAMPLES - toGrid > 1600, "opening " + onset + " -> " + end);
            }
        }
    }

    /**
     * 4.34 s of a quiet room (just after the grid's window ending at 4.335 s), a 2 s 1 kHz tone (YAMNet: Beep, bleep:
     * the concept alarm), 2 s quiet. The grid's next window ends at 4.815 s.
     */
    private static float[] toneAt434() {
        return Signals.concat(Signals.noise(4.34, -70, 1), Signals.sine(1000, 2, -20), Signals.noise(2, -70, 2));
    }

    private static Detections run(float[] scene, boolean onsetWindows, GateMode mode, int chunk) {
        List<WindowScores> windows = new ArrayList<>();
        List<DetectionEvent> events = new ArrayList<>();
        try (DetectionPipeline p = DetectionPipeline.builder().embedder(yamnet).onsetWindows(onsetWindows)
                .gate(GateSettings.builder().mode(mode).build()).build()) {
            for (int i = 0; i < scene.length; i += chunk) {
                Detections d = p.process(Arrays.copyOfRange(scene, i, Math.min(scene.length, i + chunk)), 16_000);
                windows.addAll(d.windows());
                events.addAll(d.events());
            }
            Detections d = p.finish();
            windows.addAll(d.windows());
            events.addAll(d.events());
        }
        return new Detections(windows, events);
    }

    private static boolean onGrid(WindowScores w) {
        return Math.round(w.startSeconds() * 100) % HOP == 0;
    }

    @Test
    void theOnsetWindowRunsTheSameFrontEndAndModelAsAGridWindowAtItsStart() {
        float[] scene = toneAt434();
        Detections d = run(scene, true, GateMode.BOTH, 1234);
        List<WindowScores> extra = d.windows().stream().filter(w -> !onGrid(w)).toList();
        assertEquals(1, extra.size(), "one opening, one onset window: " + extra);
        WindowScores w = extra.get(0);
        // the gate frame holding the tone's start begins at 4.32 s: its window ends 0.25 s after, on a 10 ms frame
        assertEquals(4.575, w.endSeconds(), 1e-9);
        assertTrue(w.ran());
        // the same window in a stream analysed every 10 ms, as hark classify --hop 0.01 would
        List<WindowResult> fine = WindowAnalyzer.builder(yamnet).classifier(AudioSetHead.of(yamnet)).hopFrames(1)
                .build().analyze(Arrays.copyOf(scene, 80_000));
        WindowResult same = fine.get((int) Math.round(w.startSeconds() * 100));
        assertEquals(same.startSeconds(), w.startSeconds(), 1e-9);
        assertArrayEquals(same.scores(), w.scores(), "bit for bit");
        // windows stay in time order, the onset window among them
        for (int i = 1; i < d.windows().size(); i++) {
            assertTrue(d.windows().get(i).startSeconds() > d.windows().get(i - 1).startSeconds(), d.windows().toString());
        }
        // chunking does not change anything
        Detections whole = run(scene, true, GateMode.BOTH, scene.length);
        DetectionPipelineTest.assertSame(d.windows(), whole.windows());
        assertEquals(d.events(), whole.events());
    }

    @Test
    void theOnsetComesAtTheOnsetWindowNotTheNextGridWindow() {
        float[] scene = toneAt434();
        DetectionEvent with = run(scene, true, GateMode.BOTH, 800).events().stream()
                .filter(e -> e.type() == DetectionEvent.Type.ONSET && e.label().equals("alarm")).findFirst().orElseThrow();
        DetectionEvent without = run(scene, false, GateMode.BOTH, 800).events().stream()
                .filter(e -> e.type() == DetectionEvent.Type.ONSET && e.label().equals("alarm")).findFirst().orElseThrow();
        assertEquals(4.575, with.timeSeconds(), 1e-9, with.toString());
        assertEquals(4.815, without.timeSeconds(), 0.005, without.toString());
    }

    @Test
    void withoutAGateOrTurnedOffTheWindowsAreTheGridsAlone() {
        float[] scene = toneAt434();
        assertTrue(run(scene, true, GateMode.OFF, 1600).windows().stream().allMatch(OnsetWindowsTest::onGrid));
        List<WindowScores> off = run(scene, false, GateMode.BOTH, 1600).windows();
        assertTrue(off.stream().allMatch(OnsetWindowsTest::onGrid));
        assertFalse(off.isEmpty());
    }
}
