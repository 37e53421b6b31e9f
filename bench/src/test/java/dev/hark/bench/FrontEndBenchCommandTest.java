package dev.hark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.app.ExitCodes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The benchmark runs and reports a factor; the figure itself is not asserted (benchmarks, not timed tests). */
class FrontEndBenchCommandTest {
    @Test
    void reportsRealTimeFactorsForBothForms() {
        Object[] r = BenchTest.run("frontend", "--variant", "vggish", "--warmup-seconds", "0",
                "--seconds", "0.05");
        String out = (String) r[1];
        assertEquals(ExitCodes.OK, r[0], out + r[2]);
        assertTrue(out.contains("vggish log-mel"), out);
        Matcher m = Pattern.compile("(?m)^(batch|streaming).*?(\\d+)x real time\\s+([\\d,]+) frames/s").matcher(out);
        int lines = 0;
        while (m.find()) {
            lines++;
            assertTrue(Long.parseLong(m.group(2)) > 0, m.group());
        }
        assertEquals(2, lines, out);
    }

    @Test
    void badArgumentsAreUsageErrors() {
        Object[] r = BenchTest.run("frontend", "--variant", "mfcc");
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertTrue(((String) r[2]).startsWith("hark: unknown front-end variant 'mfcc'"), (String) r[2]);
        Object[] s = BenchTest.run("frontend", "--seconds", "-1");
        assertEquals(ExitCodes.BAD_INPUT, s[0]);
        assertEquals(1, ((String) s[2]).strip().lines().count(), (String) s[2]);
    }
}
