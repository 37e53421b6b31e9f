package dev.hark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.app.ExitCodes;
import org.junit.jupiter.api.Test;

/** The listener benchmark runs through the Detector and reports what it measured, and only that. */
class ListenBenchCommandTest {
    @Test
    void shortRunReportsCpuForQuietAndSound() {
        Object[] r = BenchTest.run("listen", "--quiet-seconds", "1", "--sound-seconds", "1", "--replay-hours", "0",
                "--latency-events", "0");
        String out = (String) r[1];
        assertEquals(ExitCodes.OK, r[0], out + r[2]);
        // a quiet room keeps the gate closed: no window runs the model; continuous sound runs every window
        assertTrue(out.matches("(?s).*quiet room .*windows run 0 of \\d+\\n.*"), out);
        assertTrue(out.matches("(?s).*continuous sound .*windows run (\\d+) of \\1\\n.*"), out);
        assertFalse(out.contains("target"), "measurements only: " + out);
    }

    @Test
    void absurdSettingsAreUsageErrors() {
        assertEquals(ExitCodes.BAD_INPUT, BenchTest.run("listen", "--quiet-seconds", "0")[0]);
        assertEquals(ExitCodes.BAD_INPUT, BenchTest.run("listen", "--replay-hours", "25")[0]);
    }
}
