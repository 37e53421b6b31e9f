package dev.hark.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MfccTest {
    @Test
    void constantSpectrumHasOnlyC0AndNoDeltasOrSpread() {
        float[][] frames = new float[50][64];
        for (float[] f : frames) {
            java.util.Arrays.fill(f, -2.5f);
        }
        float[] v = Mfcc.clipVector(frames);
        assertEquals(Mfcc.CLIP_VECTOR_LENGTH, v.length);
        assertEquals(120, v.length);
        assertEquals(-2.5 * 8, v[0], 1e-4, "orthonormal c0 = sqrt(64) * value");
        for (int i = 1; i < v.length; i++) {
            assertEquals(0, v[i], 1e-4, "value " + i);
        }
    }

    @Test
    void cosineAcrossBandsLandsInItsCoefficient() {
        // log-mel shaped like the k = 5 DCT basis: only c5 is non-zero, equal to sqrt(64/2) * amplitude.
        float[][] frames = new float[3][64];
        for (float[] f : frames) {
            for (int m = 0; m < 64; m++) {
                f[m] = (float) (0.7 * Math.cos(Math.PI * 5 * (m + 0.5) / 64));
            }
        }
        float[][] c = Mfcc.mfcc(frames);
        assertEquals(3, c.length);
        assertEquals(20, c[0].length);
        for (int k = 0; k < 20; k++) {
            assertEquals(k == 5 ? 0.7 * Math.sqrt(32) : 0.0, c[1][k], 1e-5, "c" + k);
        }
    }

    @Test
    void deltaOfALinearRampIsItsSlopeAwayFromTheEdges() {
        float[][] c = new float[10][1];
        for (int t = 0; t < 10; t++) {
            c[t][0] = 3f * t;
        }
        float[][] d = Mfcc.deltas(c);
        for (int t = 2; t < 8; t++) {
            assertEquals(3.0, d[t][0], 1e-6);
        }
        // edges repeat the first frame: (1*(3-0) + 2*(6-0)) / 10
        assertEquals(1.5, d[0][0], 1e-6);
        float[][] dd = Mfcc.deltas(d);
        assertEquals(0.0, dd[5][0], 1e-6);
    }

    @Test
    void meansComeBeforeStandardDeviations() {
        float[][] frames = new float[4][64];
        for (int t = 0; t < 4; t++) {
            java.util.Arrays.fill(frames[t], t % 2 == 0 ? 1f : -1f);
        }
        float[] v = Mfcc.clipVector(frames);
        assertEquals(0.0, v[0], 1e-5);
        assertEquals(8.0, v[60], 1e-5, "std of c0 alternating +-8");
        assertEquals(0, Mfcc.clipVector(new float[0][64])[0]);
    }
}
