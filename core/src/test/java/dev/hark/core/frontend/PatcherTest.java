package dev.hark.core.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PatcherTest {
    private static float[] samples(int n, long seed) {
        Random r = new Random(seed);
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) (r.nextGaussian() * 0.1);
        }
        return s;
    }

    @Test
    void fifteenThousandFiveHundredNinetyNineSamplesGive95FramesAndNoPatch() {
        float[][] frames = LogMel.logMel(samples(15_599, 1), FrontEndVariant.YAMNET);
        assertEquals(95, frames.length);
        assertEquals(0, Patcher.patches(frames, 48).length);
        assertEquals(0, Patcher.patches(frames, 96).length);
        List<LogMelPatch> streamed = new ArrayList<>();
        StreamingLogMel s = new StreamingLogMel(FrontEndVariant.YAMNET, new Patcher(48).sinkTo(streamed::add));
        s.accept(samples(15_599, 1));
        assertEquals(95, s.framesEmitted());
        assertTrue(streamed.isEmpty());
    }

    @Test
    void fifteenThousandSixHundredSamplesGive96FramesAndOnePatch() {
        float[] wave = samples(15_600, 2);
        float[][] frames = LogMel.logMel(wave, FrontEndVariant.VGGISH);
        assertEquals(96, frames.length);
        float[][][] patches = Patcher.patches(frames, 96);
        assertEquals(1, patches.length);
        assertEquals(96, patches[0].length);
        assertArrayEquals(frames[95], patches[0][95]);

        List<LogMelPatch> streamed = new ArrayList<>();
        StreamingLogMel s = new StreamingLogMel(FrontEndVariant.VGGISH, new Patcher(96).sinkTo(streamed::add));
        s.accept(wave);
        assertEquals(1, streamed.size());
        LogMelPatch p = streamed.get(0);
        assertEquals(0, p.startFrame());
        assertEquals(0.0, p.startSeconds());
        assertEquals(15_600 / 16_000.0, p.endSeconds(), 1e-12);
        for (int f = 0; f < 96; f++) {
            assertArrayEquals(frames[f], p.frames()[f]);
        }
    }

    @Test
    void streamingPatchesEqualStaticPatchesForBothHops() {
        float[] wave = Golden.f32("dogbark.wave.f32"); // 498 frames
        for (int hop : new int[] {96, 48, 1, 7, 200}) {
            float[][] frames = LogMel.logMel(wave, FrontEndVariant.YAMNET);
            float[][][] expected = Patcher.patches(frames, hop);
            assertEquals(Patcher.patchCount(frames.length, hop), expected.length);
            assertEquals(1 + (498 - 96) / hop, expected.length);
            List<LogMelPatch> got = new ArrayList<>();
            Patcher patcher = new Patcher(hop);
            StreamingLogMel s = new StreamingLogMel(FrontEndVariant.YAMNET, patcher.sinkTo(got::add));
            Random r = new Random(hop);
            for (int pos = 0; pos < wave.length; ) {
                int len = Math.min(wave.length - pos, r.nextInt(3000));
                s.accept(wave, pos, len);
                pos += len;
            }
            assertEquals(expected.length, got.size(), "hop " + hop);
            for (int p = 0; p < expected.length; p++) {
                assertEquals((long) p * hop, got.get(p).startFrame());
                assertEquals(p * hop * 0.01, got.get(p).startSeconds(), 1e-12);
                for (int f = 0; f < 96; f++) {
                    assertArrayEquals(expected[p][f], got.get(p).frames()[f], "hop " + hop + " patch " + p);
                }
            }
        }
    }

    @Test
    void patchesStartAtTheFirstIndexSeen() {
        Patcher patcher = new Patcher(48);
        int patches = 0;
        long firstStart = -1;
        for (long i = 1000; i < 1000 + 96 + 48; i++) {
            var p = patcher.accept(i, new float[64]);
            if (p.isPresent()) {
                if (firstStart < 0) {
                    firstStart = p.get().startFrame();
                }
                patches++;
            }
        }
        assertEquals(2, patches);
        assertEquals(1000, firstStart);
    }

    @Test
    void gapsAndBadFramesAreRejected() {
        Patcher patcher = new Patcher(48);
        patcher.accept(0, new float[64]);
        assertThrows(IllegalArgumentException.class, () -> patcher.accept(2, new float[64]));
        assertThrows(IllegalArgumentException.class, () -> patcher.accept(1, new float[63]));
        assertThrows(IllegalArgumentException.class, () -> new Patcher(0));
        patcher.reset();
        float[] f = new float[64];
        patcher.accept(5, f);
        assertThrows(IllegalArgumentException.class, () -> new LogMelPatch(new float[95][64], 0));
    }

    @Test
    void patchRowsAreTheFramesHandedIn() {
        Patcher patcher = new Patcher(96);
        float[][] frames = new float[96][64];
        LogMelPatch last = null;
        for (int i = 0; i < 96; i++) {
            last = patcher.accept(i, frames[i]).orElse(null);
        }
        assertSame(frames[17], last.frames()[17]);
    }
}
