package dev.hark.core.spectrogram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Max-pooling keeps at most the cap, and each column is the maximum of exactly its frames. */
class ColumnPoolerTest {
    private static float[] frame(long i, Random r) {
        float[] f = new float[64];
        for (int b = 0; b < 64; b++) {
            f[b] = (float) r.nextGaussian() + (i % 997 == 0 ? 10 : 0);
        }
        return f;
    }

    @Test
    void shortStreamKeepsEveryFrame() {
        ColumnPooler p = new ColumnPooler(1000);
        Random r = new Random(1);
        float[][] frames = new float[498][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = frame(i, r);
            p.frame(i, frames[i]);
        }
        PooledSpectrogram s = p.result();
        assertEquals(1, s.framesPerColumn());
        assertEquals(498, s.columns().length);
        for (int i = 0; i < frames.length; i++) {
            assertArrayEquals(frames[i], s.columns()[i]);
        }
    }

    @Test
    void longStreamIsBoundedAndExact() {
        int cap = 1000;
        long n = 360_000; // an hour of 10 ms frames
        ColumnPooler p = new ColumnPooler(cap);
        Random r = new Random(7);
        Random again = new Random(7);
        for (long i = 0; i < n; i++) {
            p.frame(i, frame(i, r));
        }
        PooledSpectrogram s = p.result();
        assertEquals(512, s.framesPerColumn()); // 360000 / 512 = 703.1 <= 1000 < 360000 / 256
        assertEquals((int) Math.ceil(n / 512.0), s.columns().length);
        assertTrue(s.columns().length <= cap);
        assertEquals(n, s.frames());
        float[] max = new float[64];
        for (long i = 0; i < n; i++) {
            float[] f = frame(i, again);
            if (i % 512 == 0) {
                java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
            }
            for (int b = 0; b < 64; b++) {
                max[b] = Math.max(max[b], f[b]);
            }
            if (i % 512 == 511 || i == n - 1) {
                assertArrayEquals(max, s.columns()[(int) (i / 512)], "column " + i / 512);
            }
        }
    }

    @Test
    void refusesOutOfOrderFrames() {
        ColumnPooler p = new ColumnPooler(10);
        p.frame(0, new float[64]);
        assertThrows(IllegalArgumentException.class, () -> p.frame(2, new float[64]));
        assertThrows(IllegalArgumentException.class, () -> p.frame(1, new float[63]));
    }
}
