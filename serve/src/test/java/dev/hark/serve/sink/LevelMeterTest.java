package dev.hark.serve.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hark.testkit.Signals;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LevelMeterTest {
    @Test
    void oneLevelPerBlockHoweverTheAudioIsCut() {
        float[] x = Signals.concat(Signals.sine(1000, 2, -20), new float[16_000 * 2]);
        for (int chunk : new int[] {x.length, 1234, 8000, 7}) {
            List<double[]> got = new ArrayList<>();
            LevelMeter m = new LevelMeter(8000);
            for (int i = 0; i < x.length; i += chunk) {
                int n = Math.min(chunk, x.length - i);
                m.accept(i, x, i, n, (start, db) -> got.add(new double[] {start, db}));
            }
            assertEquals(8, got.size(), "chunk " + chunk);
            for (int b = 0; b < 8; b++) {
                assertEquals(b * 8000, got.get(b)[0], "chunk " + chunk);
                assertEquals(b < 4 ? -20.0 : LevelMeter.FLOOR_DBFS, got.get(b)[1], 0.01, "the sine, then silence");
            }
        }
    }
}
