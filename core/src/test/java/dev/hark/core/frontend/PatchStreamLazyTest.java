package dev.hark.core.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Frames are made when a patch that is let through, or the tap, needs them, and only then: the patches let through
 * and the frames tapped are still the batch front end's, bit for bit, however the stream is chunked.
 */
class PatchStreamLazyTest {
    private static void feed(PatchStream s, float[] x, long seed) {
        Random r = new Random(seed);
        for (int off = 0; off < x.length;) {
            int n = Math.min(x.length - off, 1 + r.nextInt(5000));
            s.accept(x, off, n);
            off += n;
        }
    }

    @Test
    void refusedPatchesMakeNoFrameAndTheOthersAreExact() {
        float[] x = PatchStreamTest.noise(16_000 * 10 + 321, 3);
        float[][] want = LogMel.logMel(x, FrontEndVariant.YAMNET);
        Set<Long> runs = Set.of(48L * 3, 48L * 4, 48L * 12);
        List<LogMelPatch> got = new ArrayList<>();
        List<Long> asked = new ArrayList<>();
        PatchStream s = new PatchStream(FrontEndVariant.YAMNET, 48, (p, pad) -> got.add(p), null, start -> {
            asked.add(start);
            return runs.contains(start);
        });
        feed(s, x, 9);
        s.finish();
        assertEquals(Patcher.patchCount(want.length, 48), asked.size(), "asked once per patch");
        assertEquals(List.of(48L * 3, 48L * 4, 48L * 12), got.stream().map(LogMelPatch::startFrame).toList());
        for (LogMelPatch p : got) {
            for (int f = 0; f < FrontEndParams.PATCH_FRAMES; f++) {
                assertArrayEquals(want[(int) p.startFrame() + f], p.frames()[f], "patch " + p + " frame " + f);
            }
        }
        assertEquals(96 + 48 + 96, s.framesMade(), "two overlapping patches and one alone; nothing else");
    }

    @Test
    void aHopLongerThanAPatchSkipsTheSamplesBetween() {
        float[] x = PatchStreamTest.noise(16_000 * 6, 4);
        float[][] want = LogMel.logMel(x, FrontEndVariant.VGGISH);
        List<LogMelPatch> got = new ArrayList<>();
        PatchStream s = new PatchStream(FrontEndVariant.VGGISH, 150, (p, pad) -> got.add(p));
        feed(s, x, 5);
        s.finish();
        assertEquals(Patcher.patchCount(want.length, 150), got.size());
        for (LogMelPatch p : got) {
            assertEquals(0, p.startFrame() % 150);
            for (int f = 0; f < FrontEndParams.PATCH_FRAMES; f++) {
                assertArrayEquals(want[(int) p.startFrame() + f], p.frames()[f]);
            }
        }
        assertEquals(96L * got.size(), s.framesMade());
    }

    @Test
    void theTapTurnedOnMidStreamGetsTheFramesFromThenOn() {
        float[] x = PatchStreamTest.noise(16_000 * 5, 6);
        float[][] want = LogMel.logMel(x, FrontEndVariant.YAMNET);
        List<Long> tapped = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        List<LogMelPatch> got = new ArrayList<>();
        PatchStream s = new PatchStream(FrontEndVariant.YAMNET, 48, (p, pad) -> got.add(p), (i, f) -> {
            tapped.add(i);
            rows.add(f);
        }, start -> start == 0);
        s.tapFrames(false);
        int half = 16_000 * 2 + 55;
        s.accept(x, 0, half);
        assertEquals(List.of(), tapped);
        s.tapFrames(true);
        s.accept(x, half, x.length - half);
        s.finish();
        long first = (half - FrontEndParams.WINDOW_LENGTH_SAMPLES) / FrontEndParams.HOP_LENGTH_SAMPLES + 1;
        assertEquals(first, (long) tapped.get(0), "the first frame completed after the tap came on");
        for (int k = 0; k < tapped.size(); k++) {
            assertEquals(first + k, (long) tapped.get(k));
            assertArrayEquals(want[(int) (first + k)], rows.get(k));
        }
        assertEquals(want.length, first + tapped.size(), "every frame to the end of the stream");
        assertEquals(1, got.size(), "only the first patch was let through");
        assertEquals(96 + want.length - first, s.framesMade());
    }
}
