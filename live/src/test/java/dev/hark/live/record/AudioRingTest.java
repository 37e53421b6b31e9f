package dev.hark.live.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AudioRingTest {
    @Test
    void keepsTheNewestSamplesByAbsolutePosition() {
        AudioRing r = new AudioRing(10);
        float[] x = new float[25];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        r.append(x, 0, 7);
        r.append(x, 7, 7);
        assertEquals(14, r.endSample());
        assertEquals(4, r.startSample());
        assertArrayEquals(new float[] {4, 5, 6}, r.copy(0, 7));
        r.append(x, 14, 11);
        assertEquals(25, r.endSample());
        assertArrayEquals(new float[] {15, 16, 17, 18, 19, 20, 21, 22, 23, 24}, r.copy(0, 100));
        assertEquals(0, r.copy(3, 9).length);
    }
}
