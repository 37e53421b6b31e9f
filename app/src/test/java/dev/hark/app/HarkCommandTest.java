package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class HarkCommandTest {
    /** Runs hark in-process and returns {exitCode, stdout, stderr}. */
    static Object[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Hark.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Object[] {code, out.toString(), err.toString()};
    }

    @Test
    void versionPrintsNameAndExitsZero() {
        Object[] r = run("--version");
        assertEquals(ExitCodes.OK, r[0]);
        assertTrue(((String) r[1]).startsWith("hark "), (String) r[1]);
    }

    @Test
    void unknownOptionIsUsageErrorWithOneLineMessage() {
        Object[] r = run("--no-such-option");
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertTrue(((String) r[2]).startsWith("hark: Unknown option: '--no-such-option'"), (String) r[2]);
    }
}
