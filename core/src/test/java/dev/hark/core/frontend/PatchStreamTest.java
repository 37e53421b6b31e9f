package dev.hark.core.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PatchStreamTest {
    /** Gaussian noise of RMS 0.1, seeded. */
    static float[] noise(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * 0.1);
        }
        return x;
    }

    @Test
    void patchesEqualTheBatchFrontEndHoweverChunked() {
        float[] x = noise(16_000 * 3 + 123, 7);
        for (FrontEndVariant v : FrontEndVariant.values()) {
            float[][][] want = Patcher.patches(LogMel.logMel(x, v), 48);
            Random r = new Random(11);
            List<LogMelPatch> got = new ArrayList<>();
            List<Boolean> padded = new ArrayList<>();
            PatchStream s = new PatchStream(v, 48, (p, pad) -> {
                got.add(p);
                padded.add(pad);
            });
            for (int off = 0; off < x.length;) {
                int n = Math.min(x.length - off, 1 + r.nextInt(3000));
                s.accept(x, off, n);
                off += n;
            }
            s.finish();
            assertEquals(want.length, got.size(), v + ": patch count");
            for (int i = 0; i < want.length; i++) {
                assertEquals(48L * i, got.get(i).startFrame());
                assertFalse(padded.get(i));
                for (int f = 0; f < FrontEndParams.PATCH_FRAMES; f++) {
                    assertArrayEquals(want[i][f], got.get(i).frames()[f], v + " patch " + i + " frame " + f);
                }
            }
            assertEquals(want.length, PatchStream.patchesOf(x, v, 48).size());
        }
    }

    @Test
    void aShortStreamIsPaddedToExactlyOnePatchMarkedPadded() {
        float[] x = noise(5000, 3);
        List<Boolean> padded = new ArrayList<>();
        List<LogMelPatch> got = new ArrayList<>();
        PatchStream s = new PatchStream(FrontEndVariant.YAMNET, 48, (p, pad) -> {
            got.add(p);
            padded.add(pad);
        });
        s.accept(x, 0, x.length);
        assertTrue(got.isEmpty());
        s.finish();
        assertEquals(List.of(true), padded);
        assertEquals(PatchStream.ONE_PATCH_SAMPLES, s.samplesAccepted());
        float[][] want = LogMel.logMel(PatchStream.padToOnePatch(x), FrontEndVariant.YAMNET);
        assertEquals(FrontEndParams.PATCH_FRAMES, want.length);
        for (int f = 0; f < want.length; f++) {
            assertArrayEquals(want[f], got.get(0).frames()[f]);
        }
        s.finish(); // a second finish adds nothing
        assertEquals(1, got.size());
        s.reset();
        s.accept(x, 0, x.length);
        s.finish();
        assertEquals(2, got.size());
        assertEquals(0, got.get(1).startFrame());
    }

    @Test
    void padToOnePatchKeepsLongClipsAsTheyAre() {
        float[] longer = new float[PatchStream.ONE_PATCH_SAMPLES + 1];
        assertTrue(longer == PatchStream.padToOnePatch(longer));
        assertEquals(PatchStream.ONE_PATCH_SAMPLES, PatchStream.padToOnePatch(new float[3]).length);
    }
}
