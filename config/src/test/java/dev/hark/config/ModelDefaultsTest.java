package dev.hark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hark.config.listen.ListenSettings;
import dev.hark.errors.BadInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelDefaultsTest {
    @Test
    void hopsAreWholeFramesWithOneErrorTextForEveryName() {
        assertEquals(48, HopSeconds.toFrames("--hop", 0.48, HopSeconds.MAX_WINDOW_HOP_SECONDS));
        assertEquals(25, HopSeconds.toFrames("--hop", 0.25, HopSeconds.MAX_WINDOW_HOP_SECONDS));
        assertEquals(96, HopSeconds.toFrames("--hop", 0.96, HopSeconds.MAX_FEATURE_HOP_SECONDS));
        assertEquals(1, HopSeconds.toFrames("--hop", 0.01, HopSeconds.MAX_FEATURE_HOP_SECONDS));
        for (double bad : new double[] {0, -0.48, 0.005, 0.333, Double.NaN, Double.POSITIVE_INFINITY, 60.01}) {
            String m = assertThrows(BadInputException.class,
                    () -> HopSeconds.toFrames("--hop", bad, HopSeconds.MAX_WINDOW_HOP_SECONDS)).getMessage();
            assertEquals("bad value for --hop: " + bad + " (expected a positive multiple of 0.01 s, at most 60 s)", m);
        }
        assertEquals("bad value for --hop: 1.0 (expected a positive multiple of 0.01 s, at most 0.96 s)",
                assertThrows(BadInputException.class,
                        () -> HopSeconds.toFrames("--hop", 1.0, HopSeconds.MAX_FEATURE_HOP_SECONDS)).getMessage());
        assertEquals("bad value for model.hop-seconds: 0.333 (expected a positive multiple of 0.01 s, at most 60 s)",
                assertThrows(BadInputException.class,
                        () -> ListenSettings.fromMap(Map.of(ListenSettings.HOP, "0.333"))).getMessage());
    }

    @Test
    void threadsDefaultToOneEverywhereAndZeroMeansEveryCore() {
        assertEquals(ModelDefaults.THREADS, ListenSettings.defaults().threads());
        assertEquals(1, ModelDefaults.THREADS);
        assertEquals(0, ListenSettings.fromMap(Map.of(ListenSettings.THREADS, "0")).threads());
        assertEquals(64, ModelDefaults.checkThreads("--threads", 64));
        assertEquals("bad value for --threads: -1 (allowed 0 to 64; 0 means every core)",
                assertThrows(BadInputException.class, () -> ModelDefaults.checkThreads("--threads", -1)).getMessage());
        assertEquals("bad value for model.threads: 65 (allowed 0 to 64; 0 means every core)",
                assertThrows(BadInputException.class,
                        () -> ListenSettings.fromMap(Map.of(ListenSettings.THREADS, "65"))).getMessage());
    }

    @Test
    void theDefaultModelIsDefinedOnce() {
        assertEquals("yamnet", ModelDefaults.MODEL);
        assertEquals(ModelDefaults.MODEL, ListenSettings.defaults().model());
    }
}
