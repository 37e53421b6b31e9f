package dev.hark.core.concepts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.testkit.Signals;
import org.junit.jupiter.api.Test;

class LevelMeterTest {
    @Test
    void aSineMeasuresItsRmsLevel() {
        LevelMeter m = new LevelMeter();
        float[] y = Signals.sine(1000, 2.0, -20);
        m.accept(y, 0, y.length);
        double meanSquare = 0;
        for (float v : y) {
            meanSquare += v * v / (double) y.length;
        }
        assertEquals(10 * Math.log10(meanSquare), m.levelDbfs(0, y.length), 0.05);
        assertEquals(-20.0, m.levelDbfs(8000, 16000), 0.05, "any part of it");
    }

    @Test
    void theFloorFollowsQuietAudioAndALoudSoundStandsOutOfIt() {
        LevelMeter m = new LevelMeter();
        float[] y = Signals.concat(Signals.noise(5.0, -60, 1), Signals.noise(1.0, -30, 2));
        for (int i = 0; i < y.length; i += 777) {
            m.accept(y, i, Math.min(777, y.length - i)); // chunking does not matter
        }
        long loudStart = 5 * 16_000;
        double floor = m.floorDbfs(loudStart, y.length);
        double level = m.levelDbfs(loudStart, y.length);
        assertTrue(floor < -55 && floor > -75, "floor " + floor);
        assertTrue(level - floor > 25, "level " + level + " floor " + floor);
        assertTrue(LevelMeter.score(level, floor) > LevelMeter.thresholdForDb(10));
        assertTrue(LevelMeter.score(m.levelDbfs(16_000, 32_000), m.floorDbfs(16_000, 32_000))
                < LevelMeter.thresholdForDb(10), "quiet noise is not loud");
    }
}
