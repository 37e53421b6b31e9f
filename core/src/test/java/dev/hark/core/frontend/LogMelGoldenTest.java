package dev.hark.core.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The front end against the independent reference arrays in ../shared/golden/frontend, within 1e-4. */
class LogMelGoldenTest {
    static final double TOLERANCE = 1e-4;

    static List<Golden.Entry> entries() {
        return Golden.index();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void vggishMatchesReference(Golden.Entry e) {
        check(e, FrontEndVariant.VGGISH, "vggish");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void yamnetMatchesReference(Golden.Entry e) {
        check(e, FrontEndVariant.YAMNET, "yamnet");
    }

    private static void check(Golden.Entry e, FrontEndVariant variant, String suffix) {
        float[] wave = Golden.f32(e.name() + ".wave.f32");
        assertEquals(e.samples(), wave.length, "samples in " + e.name() + ".wave.f32");
        float[][] expected = Golden.f32(e.name() + "." + suffix + ".logmel.f32", e.bands());
        assertEquals(e.frames(), expected.length, "frames in the reference");
        assertEquals(e.frames(), FrontEndParams.frameCount(e.samples()), "frameCount");

        float[][] actual = LogMel.logMel(wave, variant);

        assertEquals(e.frames(), actual.length, "frames computed");
        double maxError = 0;
        int worstFrame = -1;
        int worstBand = -1;
        for (int f = 0; f < expected.length; f++) {
            assertEquals(FrontEndParams.MEL_BANDS, actual[f].length);
            for (int b = 0; b < e.bands(); b++) {
                double err = Math.abs((double) actual[f][b] - expected[f][b]);
                if (!(err <= maxError)) { // NaN counts as worst
                    maxError = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
                    worstFrame = f;
                    worstBand = b;
                }
            }
        }
        System.out.printf("golden %s %s: max abs error %.3e%n", e.name(), suffix, maxError);
        assertTrue(maxError <= TOLERANCE, e.name() + " " + suffix + ": max abs error " + maxError + " at frame "
                + worstFrame + " band " + worstBand);
    }

    @Test
    void hannMatchesReference() {
        float[] expected = Golden.f32("periodic_hann_400.f32");
        float[] actual = LogMel.periodicHann(400);
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-7, "hann[" + i + "]");
        }
    }

    @Test
    void melMatrixMatchesReference() {
        float[][] expected = Golden.f32("mel_matrix_257x64.f32", 64);
        float[][] actual = LogMel.melMatrix();
        assertEquals(257, expected.length);
        assertEquals(257, actual.length);
        for (int k = 0; k < 257; k++) {
            for (int b = 0; b < 64; b++) {
                assertEquals(expected[k][b], actual[k][b], 1e-6, "mel[" + k + "][" + b + "]");
            }
        }
        for (int b = 0; b < 64; b++) {
            assertEquals(0f, actual[0][b], "DC row must be zero");
        }
    }
}
