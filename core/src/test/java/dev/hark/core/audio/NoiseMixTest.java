package dev.hark.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NoiseMixTest {
    /** A 440 Hz tone of 0.5 s at amplitude 0.3 between 0.5 s of digital silence on either side. */
    private static float[] paddedTone() {
        float[] x = new float[24000];
        for (int i = 8000; i < 16000; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
        }
        return x;
    }

    private static double dbOf(double meanSquare) {
        return 10 * Math.log10(meanSquare);
    }

    @Test
    void theSnrIsMeasuredOverTheSoundNotItsPaddingAndTheNoiseRunsTheWholeClip() {
        float[] x = paddedTone();
        for (double snr : new double[] {0, 10, -5}) {
            float[] y = new NoiseMix(snr).apply(x, 7);
            double sound = 0;
            for (int i = 8000; i < 16000; i++) {
                sound += (double) x[i] * x[i];
            }
            sound /= 8000;
            double noise = 0;
            for (int i = 0; i < y.length; i++) {
                double n = y[i] - x[i];
                noise += n * n;
            }
            noise /= y.length;
            assertEquals(snr, dbOf(sound) - dbOf(noise), 0.1, "SNR " + snr);
            assertFalse(y[100] == 0, "the padding is noise now");
        }
        assertArrayEquals(paddedTone(), x, "the input is not modified");
    }

    @Test
    void theSameSeedGivesTheSameNoiseAndSilenceStaysSilent() {
        float[] x = paddedTone();
        assertArrayEquals(new NoiseMix(10).apply(x, 3), new NoiseMix(10).apply(x, 3));
        assertFalse(Arrays.equals(new NoiseMix(10).apply(x, 3), new NoiseMix(10).apply(x, 4)));
        float[] silence = new float[1600];
        assertArrayEquals(silence, new NoiseMix(0).apply(silence, 1), "nothing to measure the SNR against");
    }

    @Test
    void aQuieterCopyIsTheClipScaledWithTheSameNoiseScaledAlong() {
        float[] x = paddedTone();
        float[] own = new NoiseMix(10).apply(x, 5);
        assertArrayEquals(own, new NoiseMix(10, 0).apply(x, 5), 0f, "level 0 is the clip as recorded");
        float[] quieter = new NoiseMix(10, -20).apply(x, 5);
        for (int i = 0; i < x.length; i++) {
            // the clip at a tenth of its amplitude, the noise too: the SNR stays
            assertEquals(own[i] * 0.1, quieter[i], 1e-6, "sample " + i);
        }
        assertArrayEquals(paddedTone(), x, "the input is not modified");
    }

    @Test
    void absurdSnrsAndLevelsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NoiseMix(61));
        assertThrows(IllegalArgumentException.class, () -> new NoiseMix(-21));
        assertThrows(IllegalArgumentException.class, () -> new NoiseMix(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new NoiseMix(10, 1));
        assertThrows(IllegalArgumentException.class, () -> new NoiseMix(10, -41));
        assertThrows(IllegalArgumentException.class, () -> new NoiseMix(10, Double.NaN));
    }
}
