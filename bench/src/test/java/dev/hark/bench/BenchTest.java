package dev.hark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.app.ExitCodes;
import dev.hark.app.Hark;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class BenchTest {
    /** Runs hark-bench in-process and returns {exitCode, stdout, stderr}. */
    static Object[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Bench.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Object[] {code, out.toString(), err.toString()};
    }

    @Test
    void helpListsTheBenchmarks() {
        Object[] r = run("--help");
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        String out = (String) r[1];
        assertTrue(out.startsWith("Usage: hark-bench "), out);
        for (String name : new String[] {"audio", "frontend", "listen", "embed", "learn"}) {
            assertTrue(out.matches("(?s).*\\n  " + name + " .*"), name + " in " + out);
        }
    }

    @Test
    void theHarkCommandHasNoBenchmarks() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Hark.run(new String[] {"bench", "frontend"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(ExitCodes.BAD_INPUT, code, out.toString());
        assertTrue(err.toString().startsWith("hark: Unmatched arguments"), err.toString());
        assertFalse(Hark.commandLine(new PrintWriter(out), new PrintWriter(err)).getSubcommands().containsKey("bench"));
    }
}
