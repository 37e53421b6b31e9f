package dev.hark.core.concepts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.testkit.Signals;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void oneLevelPerBlockHoweverTheAudioIsCut() {
        float[] x = Signals.concat(Signals.sine(1000, 2, -20), new float[16_000 * 2]);
        for (int chunk : new int[] {x.length, 1234, 8000, 7}) {
            List<double[]> got = new ArrayList<>();
            LevelMeter m = new LevelMeter(8000);
            for (int i = 0; i < x.length; i += chunk) {
                int n = Math.min(chunk, x.length - i);
                m.accept(1_000_000 + i, x, i, n, (start, db) -> got.add(new double[] {start, db}));
            }
            assertEquals(8, got.size(), "chunk " + chunk);
            for (int b = 0; b < 8; b++) {
                assertEquals(1_000_000 + b * 8000, got.get(b)[0], "chunk " + chunk + ": where the block starts");
                assertEquals(b < 4 ? -20.0 : LevelMeter.SILENCE_DBFS, got.get(b)[1], 0.01, "the sine, then silence");
            }
            assertEquals(-20.0, m.levelDbfs(0, 4 * 8000), 0.01, "the blocks kept are asked for as 10 ms frames are");
        }
    }

    @Test
    void blocksAnyLengthAndTheFullScaleSquareIsZero() {
        List<Double> got = new ArrayList<>();
        new LevelMeter(4).accept(0, new float[] {1, -1, 1, -1, 0, 0, 0}, 0, 7, (start, db) -> got.add(db));
        assertEquals(List.of(0.0), got, "a full-scale square wave; the 3 samples of the next block wait");
        assertEquals(LevelMeter.SILENCE_DBFS, LevelMeter.dbfs(0));
        assertThrows(IllegalArgumentException.class, () -> new LevelMeter(0));
    }
}
