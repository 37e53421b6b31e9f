package dev.hark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.app.ExitCodes;
import org.junit.jupiter.api.Test;

/** The benchmark runs and reports each figure (speed itself is not asserted: that is the benchmark's job). */
class EmbedBenchCommandTest {
    @Test
    void shortRunReportsThroughputAndRealTimeFactor() {
        Object[] r = BenchTest.run("embed", "--seconds", "0.2", "--warmup-seconds", "0",
                "--file-seconds", "5", "--cold-runs", "1");
        assertEquals(0, r[0], (String) r[2]);
        String out = (String) r[1];
        assertTrue(out.contains("1 thread , batch   1:") && out.contains("batch  32:"), out);
        assertTrue(out.matches("(?s).*\\d+\\.\\d patches/s.*"), out);
        assertTrue(out.contains("real-time factor"), out);
        // tests run from classes, not from hark.jar: the cold start is skipped and says so
        assertTrue(out.contains("cold start: skipped"), out);
    }

    @Test
    void absurdSettingsAreUsageErrors() {
        assertEquals(ExitCodes.BAD_INPUT, BenchTest.run("embed", "--batch", "0")[0]);
        assertEquals(ExitCodes.BAD_INPUT, BenchTest.run("embed", "--seconds", "-1")[0]);
    }
}
