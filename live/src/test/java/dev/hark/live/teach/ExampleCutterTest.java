package dev.hark.live.teach;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cutter's state machine without a device or a gate: the gate's decisions are given frame by frame (as the
 * gate timeline would give them, hangover included), and the stream is a ramp, so that every sample of an example
 * can be checked against where it came from.
 */
class ExampleCutterTest {
    static final int F = ExampleCutter.FRAME;
    static final int HANGOVER = 10; // frames, the default 300 ms
    /** 0.25 s margin, 0.05 s shortest, 2 s longest, 0.5 s quiet, 0.3 s settle. */
    static final CutSettings S = new CutSettings(0.25, 0.05, 2.0, 0.5, 0.3);

    /** Frames: the gate open where a sound is active or within the hangover after it, as GateTimeline decides. */
    static boolean[] gate(int frames, int[]... activeRanges) {
        boolean[] open = new boolean[frames];
        for (int[] r : activeRanges) {
            for (int f = r[0]; f < r[1]; f++) {
                for (int h = 0; h <= HANGOVER && f + h < frames; h++) {
                    open[f + h] = true;
                }
            }
        }
        return open;
    }

    record Run(List<ExampleCutter.Cut> cuts, List<TeachState> states, ExampleCutter cutter, float[] stream) {
    }

    static Run run(CutSettings s, boolean[] open) {
        float[] stream = new float[open.length * F];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = (i % 10_007) / 10_007f; // a ramp: each sample says where it came from
        }
        ExampleCutter c = new ExampleCutter(s, HANGOVER);
        List<ExampleCutter.Cut> cuts = new ArrayList<>();
        List<TeachState> states = new ArrayList<>();
        for (int f = 0; f < open.length; f++) {
            ExampleCutter.Cut cut = c.accept(stream, f * F, open[f]);
            if (cut != null) {
                cuts.add(cut);
            }
            if (states.isEmpty() || states.get(states.size() - 1) != c.state()) {
                states.add(c.state());
            }
        }
        return new Run(cuts, states, c, stream);
    }

    static void samplesAreTheStream(Run r) {
        for (ExampleCutter.Cut c : r.cuts()) {
            float[] expected = Arrays.copyOfRange(r.stream(), (int) c.startSample(), (int) c.startSample()
                    + c.samples().length);
            assertArrayEquals(expected, c.samples(), "the samples of the cut at " + c.startSample());
        }
    }

    @Test
    void aSoundIsTrimmedToItselfPlusTheMargins() {
        Run r = run(S, gate(200, new int[] {40, 70}));
        assertEquals(1, r.cuts().size());
        ExampleCutter.Cut c = r.cuts().get(0);
        assertEquals(40 * F, c.soundStartSample(), "the sound starts at the gate's first active frame");
        assertEquals(70 * F, c.soundEndSample(), "the sound ends at the last active frame: the hangover is taken off");
        assertEquals(40 * F - 4000, c.startSample(), "0.25 s before");
        assertEquals(30 * F + 8000, c.samples().length, "the sound and 0.25 s on each side");
        assertEquals(30 * F / 16000.0, c.soundSeconds(), 1e-12);
        samplesAreTheStream(r);
        assertEquals(List.of(TeachState.SETTLING, TeachState.WAITING, TeachState.HEARING, TeachState.WAITING),
                r.states());
    }

    @Test
    void theExampleComesOnlyOnceTheRoomWasQuietLongEnough() {
        // the gate closes at frame 81 (the hangover after 70); 0.5 s of quiet is 17 frames: the cut comes with frame 97
        boolean[] open = gate(200, new int[] {40, 71});
        ExampleCutter c = new ExampleCutter(S, HANGOVER);
        float[] frame = new float[F];
        int cutAt = -1;
        for (int f = 0; f < open.length && cutAt < 0; f++) {
            if (c.accept(frame, 0, open[f]) != null) {
                cutAt = f;
            }
        }
        assertEquals(81 + 17 - 1, cutAt);
    }

    @Test
    void aPauseShorterThanTheQuietJoinsTwoSoundsAndALongerOneSeparatesThem() {
        // closed from 81 to 89 (9 frames, 0.27 s): one example from 40 to 95 (under the longest, 67 frames)
        Run joined = run(S, gate(260, new int[] {40, 71}, new int[] {90, 95}));
        assertEquals(1, joined.cuts().size());
        assertEquals(40 * F, joined.cuts().get(0).soundStartSample());
        assertEquals(95 * F, joined.cuts().get(0).soundEndSample());
        // closed from 81 to 119 (39 frames, 1.2 s): two examples
        Run apart = run(S, gate(260, new int[] {40, 71}, new int[] {120, 130}));
        assertEquals(2, apart.cuts().size());
        assertEquals(71 * F, apart.cuts().get(0).soundEndSample());
        assertEquals(120 * F, apart.cuts().get(1).soundStartSample());
        assertEquals(10 * F + 8000, apart.cuts().get(1).samples().length);
        samplesAreTheStream(apart);
    }

    @Test
    void aClickIsIgnoredAndCounted() {
        Run r = run(S, gate(200, new int[] {40, 41}, new int[] {120, 130}));
        assertEquals(1, r.cuts().size(), "only the real sound");
        assertEquals(120 * F, r.cuts().get(0).soundStartSample());
        assertEquals(1, r.cutter().tooShort());
        assertEquals(F / 16000.0, r.cutter().lastTooShortSeconds(), 1e-12);
    }

    @Test
    void aSoundLongerThanTheLongestIsCutThereAndTheRestIgnored() {
        // 2 s is 67 frames: the sound from 40 goes on to 200
        Run r = run(S, gate(300, new int[] {40, 200}, new int[] {260, 270}));
        assertEquals(2, r.cuts().size());
        ExampleCutter.Cut first = r.cuts().get(0);
        assertEquals(40 * F, first.soundStartSample());
        assertEquals((40 + 67) * F, first.soundEndSample());
        assertEquals(67 * F + 4000, first.samples().length, "the margin before; the sound goes on after the cut");
        assertTrue(r.states().contains(TeachState.WAITING_FOR_QUIET));
        assertEquals(260 * F, r.cuts().get(1).soundStartSample(), "the rest of the long sound made no example");
        samplesAreTheStream(r);
    }

    @Test
    void aSoundGoingOnWhenListeningBeganIsNotTakenHalfway() {
        // settling takes 10 frames (0.3 s); the gate is open then
        Run r = run(S, gate(200, new int[] {0, 20}, new int[] {100, 110}));
        assertEquals(1, r.cuts().size());
        assertEquals(100 * F, r.cuts().get(0).soundStartSample());
        assertEquals(List.of(TeachState.SETTLING, TeachState.WAITING_FOR_QUIET, TeachState.WAITING,
                TeachState.HEARING, TeachState.WAITING), r.states());
    }

    @Test
    void theMarginBeforeTheFirstSampleIsWhatThereIs() {
        Run r = run(new CutSettings(0.25, 0.05, 2.0, 0.5, 0.0), gate(100, new int[] {3, 20}));
        assertEquals(1, r.cuts().size());
        assertEquals(0, r.cuts().get(0).startSample());
        assertEquals(20 * F + 4000, r.cuts().get(0).samples().length);
    }

    @Test
    void anInterruptionGivesTheSoundUp() {
        boolean[] open = gate(200, new int[] {40, 60}, new int[] {150, 160});
        ExampleCutter c = new ExampleCutter(S, HANGOVER);
        float[] frame = new float[F];
        List<ExampleCutter.Cut> cuts = new ArrayList<>();
        for (int f = 0; f < open.length; f++) {
            if (f == 50) {
                assertEquals(TeachState.HEARING, c.state());
                c.interrupt();
            }
            ExampleCutter.Cut cut = c.accept(frame, 0, open[f]);
            if (cut != null) {
                cuts.add(cut);
            }
        }
        assertEquals(1, cuts.size());
        assertEquals(150 * F, cuts.get(0).soundStartSample());
    }

    @Test
    void anyPatternGivesExamplesThatAreSlicesOfTheStreamInOrderWithinTheBounds() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            List<int[]> ranges = new ArrayList<>();
            int f = random.nextInt(30);
            while (f < 900) {
                int len = 1 + random.nextInt(random.nextBoolean() ? 5 : 120);
                ranges.add(new int[] {f, f + len});
                f += len + 1 + random.nextInt(80);
            }
            Run r = run(S, gate(1000, ranges.toArray(int[][]::new)));
            samplesAreTheStream(r);
            long lastEnd = -1;
            for (ExampleCutter.Cut c : r.cuts()) {
                assertTrue(c.soundStartSample() > lastEnd, "examples in order, not overlapping in sound");
                assertTrue(c.soundSeconds() >= S.minSoundSeconds() - 1e-9, "not shorter than the shortest");
                assertTrue(c.soundSeconds() <= S.maxSoundSeconds() + F / 16000.0, "not longer than the longest");
                assertTrue(c.seconds() <= c.soundSeconds() + 2 * S.marginSeconds() + 1e-9);
                lastEnd = c.soundEndSample();
            }
        }
    }

    @Test
    void badSettingsAreRefusedNamingThem() {
        Exception e = assertThrows(dev.hark.errors.BadInputException.class,
                () -> new CutSettings(-1, 0.05, 2, 0.5, 0.5));
        assertTrue(e.getMessage().startsWith("bad value for margin seconds: -1"), e.getMessage());
        assertThrows(dev.hark.errors.BadInputException.class, () -> new CutSettings(0.25, 3, 2, 0.5, 0.5));
        assertNull(new ExampleCutter(S, 0).accept(new float[F], 0, false));
    }
}
