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

    @Test
    void debugIsAGlobalOptionAndABadFileStaysOneLineWithIt() {
        Object[] r = run("info", "--debug", "no-such-file.wav");
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertEquals("hark: no-such-file.wav: no such file\n", ((String) r[2]).replace(System.lineSeparator(), "\n"));
        assertEquals(ExitCodes.BAD_INPUT, run("--debug", "info", "no-such-file.wav")[0]);
    }

    @Test
    void anInternalErrorIsOneLineNamingTheFailureWithoutJavaTraces() {
        String line = Hark.internalErrorLine(new IllegalArgumentException("Negative position\n\tat somewhere"));
        assertEquals("hark: internal error: java.lang.IllegalArgumentException: Negative position at somewhere "
                + "(a bug: please report it; --debug shows the trace)", line);
        assertTrue(Hark.internalErrorLine(new OutOfMemoryError("Java heap space")).endsWith("(out of memory; a larger -Xmx may help)"));
    }
}
