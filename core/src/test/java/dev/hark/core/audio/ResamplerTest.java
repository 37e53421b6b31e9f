package dev.hark.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {
    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }

    static float[] tone(double freqHz, int rateHz, int n, double amplitude) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * freqHz * i / rateHz));
        }
        return x;
    }

    static float[] oneShot(Resampler r, float[] x) {
        float[] a = r.process(x, 0, x.length);
        float[] b = r.flush();
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Level in dB of the output relative to the input, measured away from the edges. */
    static double gainDb(double freqHz, int inHz, int outHz) {
        float[] x = tone(freqHz, inHz, inHz, 0.5);
        float[] y = oneShot(new Resampler(inHz, outHz), x);
        int edge = outHz / 10;
        return 20 * Math.log10(rms(y, edge, y.length - edge) / (0.5 / Math.sqrt(2)));
    }

    @Test
    void oneKilohertzKeepsItsLevelWithinATenthOfADecibel() {
        double g441 = gainDb(1000, 44100, 16000);
        double g48 = gainDb(1000, 48000, 16000);
        assertTrue(Math.abs(g441) < 0.1, "44.1k->16k: " + g441 + " dB");
        assertTrue(Math.abs(g48) < 0.1, "48k->16k: " + g48 + " dB");
    }

    @Test
    void tenKilohertzAt44kIsAttenuatedBySixtyDecibels() {
        double g = gainDb(10000, 44100, 16000);
        assertTrue(g <= -60, "10 kHz 44.1k->16k: " + g + " dB");
        assertTrue(gainDb(9000, 48000, 16000) <= -60, "9 kHz 48k->16k");
    }

    @Test
    void passbandIsFlatToSevenKilohertz() {
        for (double f : new double[] {100, 3000, 6000, 7000}) {
            double g = gainDb(f, 44100, 16000);
            assertTrue(Math.abs(g) < 0.1, f + " Hz: " + g + " dB");
        }
    }

    @Test
    void equalRatesCopyExactly() {
        float[] x = tone(1234, 16000, 5000, 0.9);
        Resampler r = new Resampler(16000, 16000);
        assertArrayEquals(Arrays.copyOfRange(x, 10, 4010), r.process(x, 10, 4000), 0f);
        assertEquals(0, r.flush().length);
    }

    @Test
    void constantSignalKeepsItsValueAwayFromTheEdges() {
        float[] x = new float[44100];
        Arrays.fill(x, 0.5f);
        float[] y = oneShot(new Resampler(44100, 16000), x);
        for (int i = 100; i < y.length - 100; i++) {
            assertEquals(0.5f, y[i], 2e-6f, "sample " + i);
        }
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"44100, 16000", "48000, 16000", "8000, 16000", "22050, 16000", "192000, 16000", "11025, 16000",
        "44101, 16000", "191999, 16000", "16000, 44100"})
    void chunkingNeverChangesTheOutput(int inHz, int outHz) {
        Random rnd = new Random(inHz * 31L + outHz);
        int n = 20_000 + rnd.nextInt(1000);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextGaussian() * 0.3f;
        }
        Resampler ref = new Resampler(inHz, outHz);
        float[] whole = oneShot(ref, x);
        assertEquals(ref.outputLength(n), whole.length);
        assertEquals((long) Math.ceil(n * (double) outHz / inHz), whole.length);
        for (int trial = 0; trial < 3; trial++) {
            Resampler r = new Resampler(inHz, outHz);
            float[] out = new float[whole.length];
            int len = 0;
            int pos = 0;
            while (pos < n) {
                int c = Math.min(n - pos, trial == 0 ? 1 + rnd.nextInt(3) : rnd.nextInt(trial == 1 ? 50 : 5000));
                float[] y = r.process(x, pos, c);
                System.arraycopy(y, 0, out, len, y.length);
                len += y.length;
                pos += c;
            }
            float[] tail = r.flush();
            System.arraycopy(tail, 0, out, len, tail.length);
            len += tail.length;
            assertEquals(whole.length, len);
            assertArrayEquals(whole, out, 0f, "chunking trial " + trial);
        }
    }

    @Test
    void aKeptBankGivesTheSameOutputAsANewlyComputedOne() {
        float[] x = new float[30_000];
        Random rnd = new Random(7);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian() * 0.3f;
        }
        float[] first = oneShot(new Resampler(44100, 16000), x);
        float[] reverse = oneShot(new Resampler(16000, 44100), x);
        // Nine other pairs of rates push both banks out of what is kept: the next ones are computed anew.
        for (int k = 2; k <= 10; k++) {
            new Resampler(k * 16000, 16000);
        }
        assertArrayEquals(oneShot(new Resampler(16000, 44100), x), reverse, 0f, "16 to 44.1 kHz, computed anew");
        assertArrayEquals(first, oneShot(new Resampler(44100, 16000), x), 0f, "44.1 to 16 kHz, computed anew");
        assertArrayEquals(first, oneShot(new Resampler(44100, 16000), x), 0f, "44.1 to 16 kHz, its bank kept");
    }

    @Test
    void outputIsTimeAligned() {
        // A click at input sample 441 (10 ms) comes out centred on output sample 160.
        float[] x = new float[4410];
        x[441] = 1f;
        float[] y = oneShot(new Resampler(44100, 16000), x);
        int peak = 0;
        for (int i = 0; i < y.length; i++) {
            if (Math.abs(y[i]) > Math.abs(y[peak])) {
                peak = i;
            }
        }
        assertEquals(160, peak);
    }
}
