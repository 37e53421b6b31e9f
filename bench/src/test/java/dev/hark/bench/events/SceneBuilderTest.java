package dev.hark.bench.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.audio.ActiveRange;
import dev.hark.core.audio.PinkNoise;
import dev.hark.core.audio.WavWriter;
import dev.hark.core.dataset.Dataset;
import dev.hark.errors.BadInputException;
import dev.hark.testkit.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scene builder: where sounds go, what they are cut to, the SNR they get, and that a seed fixes it all. */
class SceneBuilderTest {
    private static final int RATE = 16_000;
    private static final Map<String, String> TARGETS = new LinkedHashMap<>(Map.of("dog", "dog"));

    @TempDir
    static Path dir;
    private static Dataset ds;

    static {
        TARGETS.put("baby_cry", "crying_baby");
    }

    /** Three categories of four clips each: 1 s of digital silence, a tone of 0.5 to 2 s, 1 s of silence. */
    @BeforeAll
    static void dataset() throws IOException {
        String[] categories = {"dog", "crying_baby", "footsteps"};
        for (int c = 0; c < categories.length; c++) {
            Path d = Files.createDirectories(dir.resolve("ds").resolve(categories[c]));
            for (int i = 0; i < 4; i++) {
                double seconds = 0.5 + 0.5 * i;
                float[] x = Signals.concat(new float[RATE], Signals.sine(300 + 200 * c + 50 * i, seconds, -12 - 3 * i),
                        new float[RATE]);
                WavWriter.writeFloat32(d.resolve(categories[c] + i + ".wav"), x, RATE);
            }
        }
        ds = Dataset.open(dir.resolve("ds"));
    }

    private static SceneLayout layout(long seed, double seconds) {
        return SceneLayout.plan(new ClipPool(ds, null, List.of("dog", "crying_baby", "footsteps"), seed), TARGETS,
                List.of("footsteps"), seconds, seed);
    }

    @Test
    void soundsAreCutToTheirToneAndPlacedAfterTheLeadInWithGapsAndNoOverlap() {
        SceneLayout l = layout(3, 120);
        assertEquals(120 * RATE, l.samples());
        assertTrue(l.slots().size() >= 10, "a 2-minute scene holds many sounds: " + l.slots().size());
        assertEquals(SceneLayout.LEAD_IN_SECONDS, l.slots().get(0).startSeconds(), 1e-9);
        for (int i = 0; i < l.slots().size(); i++) {
            SceneLayout.Slot s = l.slots().get(i);
            int n = s.sound().samples().length;
            // the tone alone: a whole number of 0.5 s, no silence
            assertEquals(0, n % (RATE / 2), s.sound().file() + ": " + n);
            float[] x = s.sound().samples();
            assertTrue(SceneMixer.meanSquare(x, 0, 160) > 1e-4 && SceneMixer.meanSquare(x, n - 160, n) > 1e-4,
                    "no silence left at either end");
            assertEquals(i % 2 == 0, s.sound().isTarget(), "targets and distractors alternate, target first");
            if (i > 0) {
                double gap = s.startSeconds() - l.slots().get(i - 1).endSeconds();
                assertTrue(gap >= SceneLayout.MIN_GAP_SECONDS - 1e-9 && gap <= SceneLayout.MAX_GAP_SECONDS + 1e-9,
                        "gap " + gap);
                // scoring windows of neighbours never overlap
                assertTrue(l.slots().get(i - 1).endSeconds() + EventScorer.AFTER_SECONDS
                        < s.startSeconds() - EventScorer.BEFORE_SECONDS);
            }
        }
        SceneLayout.Slot last = l.slots().get(l.slots().size() - 1);
        assertTrue(last.endSeconds() + SceneLayout.TAIL_SECONDS <= 120 + 1e-9);
    }

    @Test
    void everyTargetComesOncePerRoundAndEveryClipOnceBeforeAnyIsReused() {
        SceneLayout l = layout(5, 200);
        List<SceneLayout.Slot> targets = l.slots().stream().filter(s -> s.sound().isTarget()).toList();
        for (int r = 0; r + 1 < targets.size(); r += 2) {
            assertNotEquals(targets.get(r).sound().target(), targets.get(r + 1).sound().target(), "round " + r);
        }
        List<Path> dogs = targets.stream().filter(s -> s.sound().target().equals("dog"))
                .map(s -> s.sound().file()).toList();
        assertTrue(dogs.size() >= 4, "" + dogs.size());
        assertEquals(4, dogs.subList(0, 4).stream().distinct().count(), "four different dog clips first: " + dogs);
    }

    @Test
    void everySoundIsMixedAtTheSnrAskedWithinATenthOfADecibel() {
        SceneLayout l = layout(7, 90);
        Background room = Background.room(l.samples(), 7);
        for (double snr : new double[] {-5, 0, 10, 20}) {
            Scene s = SceneMixer.mix(l, room.samples(), "room", snr);
            assertEquals(0.0, s.scaleDb(), 1e-12, "no clipping at " + snr + " dB");
            for (Scene.Placed p : s.sounds()) {
                assertEquals(snr, achievedSnr(s.samples(), room.samples(), p.slot(), 1.0), 0.1,
                        "sound " + p.slot().index() + " at " + snr + " dB");
            }
        }
    }

    @Test
    void aMixThatWouldClipIsScaledAsAWholeWhichKeepsEverySnr() {
        SceneLayout l = layout(7, 60);
        Background loud = new Background("loud", Signals.noise(60, -10, 9));
        Scene s = SceneMixer.mix(l, loud.samples(), "loud", 15);
        assertTrue(s.scaleDb() < 0, "scaled: " + s.scaleDb());
        double peak = 0;
        for (float v : s.samples()) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertEquals(SceneMixer.PEAK, peak, 1e-6);
        double scale = Math.pow(10, s.scaleDb() / 20);
        for (Scene.Placed p : s.sounds()) {
            assertEquals(15, achievedSnr(s.samples(), loud.samples(), p.slot(), scale), 0.1);
        }
    }

    /** 10 log10 of (scene - scaled background)^2 over (scaled background)^2 on the sound's span. */
    private static double achievedSnr(float[] scene, float[] background, SceneLayout.Slot slot, double scale) {
        double ps = 0;
        double pb = 0;
        for (int i = slot.startSample(); i < slot.endSample(); i++) {
            double b = background[i] * scale;
            ps += (scene[i] - b) * (scene[i] - b);
            pb += b * b;
        }
        return 10 * Math.log10(ps / pb);
    }

    @Test
    void theSameSeedGivesTheSameSceneAndAnotherSeedAnotherOne() {
        Scene a = SceneMixer.mix(layout(11, 60), Background.room(60 * RATE, 11).samples(), "room", 10);
        Scene b = SceneMixer.mix(layout(11, 60), Background.room(60 * RATE, 11).samples(), "room", 10);
        Scene c = SceneMixer.mix(layout(12, 60), Background.room(60 * RATE, 12).samples(), "room", 10);
        assertArrayEquals(a.samples(), b.samples());
        assertEquals(starts(a), starts(b));
        assertFalse(java.util.Arrays.equals(a.samples(), c.samples()));
        assertNotEquals(starts(a), starts(c));
    }

    private static List<Integer> starts(Scene s) {
        List<Integer> out = new ArrayList<>();
        s.sounds().forEach(p -> out.add(p.slot().startSample()));
        return out;
    }

    @Test
    void theRoomIsPinkNoiseAtItsDocumentedLevel() {
        float[] x = PinkNoise.of(30 * RATE, RoomTone.LEVEL_DBFS, 1);
        assertEquals(RoomTone.LEVEL_DBFS, 10 * Math.log10(SceneMixer.meanSquare(x, 0, x.length)), 1e-3);
        // pink: power falls 3 dB per octave, so the first difference (a high-pass) keeps far less of it than of
        // white noise, whose difference has twice its power
        double diff = 0;
        for (int i = 1; i < x.length; i++) {
            diff += (x[i] - x[i - 1]) * (double) (x[i] - x[i - 1]);
        }
        double ratio = diff / (x.length - 1) / SceneMixer.meanSquare(x, 0, x.length);
        assertTrue(ratio < 0.6, "difference/power " + ratio + " (white noise: 2)");
        assertArrayEquals(x, PinkNoise.of(30 * RATE, RoomTone.LEVEL_DBFS, 1));
    }

    @Test
    void aBackgroundFileIsRepeatedToLengthAndASilentOneIsRefused() throws IOException {
        Path hum = dir.resolve("hum.wav");
        WavWriter.writeFloat32(hum, Signals.sine(120, 2, -40), RATE);
        Background b = Background.file(hum, 5 * RATE);
        assertEquals(5 * RATE, b.samples().length);
        assertEquals(b.samples()[100], b.samples()[2 * RATE + 100], 0f);
        assertTrue(b.description().contains("repeated"), b.description());
        Path silent = dir.resolve("silent.wav");
        WavWriter.writeFloat32(silent, new float[RATE], RATE);
        BadInputException e = assertThrows(BadInputException.class, () -> Background.file(silent, 5 * RATE));
        assertTrue(e.getMessage().contains("silent.wav") && e.getMessage().contains("digital silence"), e.getMessage());
        // a background silent only under one sound: no SNR there, refused naming the time
        SceneLayout l = layout(3, 60);
        float[] gap = Background.room(l.samples(), 3).samples().clone();
        java.util.Arrays.fill(gap, l.slots().get(1).startSample(), l.slots().get(1).endSample(), 0f);
        e = assertThrows(BadInputException.class, () -> SceneMixer.mix(l, gap, "gappy.wav", 10));
        assertTrue(e.getMessage().startsWith("background gappy.wav is silent from "), e.getMessage());
    }

    @Test
    void activeRangeDropsSilenceAndQuietFramesAtBothEnds() {
        float[] x = Signals.concat(new float[800], Signals.sine(440, 0.1, -60), Signals.sine(440, 0.5, -10),
                new float[1000]);
        ActiveRange r = ActiveRange.of(x);
        // the -60 dBFS lead (50 dB below the tone) is outside; the tone starts at sample 2400 (frame 15)
        assertEquals(2400, r.start());
        assertEquals(2400 + 8000, r.end());
        assertEquals(0, ActiveRange.of(new float[500]).length());
    }
}
