package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.live.teach.Example;
import dev.hark.live.teach.TeachState;
import dev.hark.live.teach.TeachStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What {@code hark teach} shows: a line updated in place on a terminal, plain lines at each change otherwise. */
class TeachDisplayTest {
    static final TeachStatus WAITING = new TeachStatus(TeachState.WAITING, 1, 3, -62.0, 4.2,
            "waiting for a sound (dog 2 of 3)");
    static final TeachStatus LEVEL = new TeachStatus(TeachState.WAITING, 1, 3, -40.0, 4.3, null);
    static final Example SAVED = new Example(2, Path.of("dataset/dog/dog-002.wav"), 3.5, 0.81, 0.31, -10.24);

    @Test
    void plainLinesAtEachChangeAndNoneForTheLevel() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        TeachDisplay d = new TeachDisplay(new PrintWriter(out), new PrintWriter(err), false, "dog");
        d.onStatus(WAITING);
        d.onStatus(LEVEL);
        d.onExample(SAVED);
        assertEquals("hark teach: waiting for a sound (dog 2 of 3)\n", err.toString());
        assertEquals("saved dataset/dog/dog-002.wav: 0.81 s from 3.50 s (a sound of 0.31 s, peak -10.2 dBFS)\n",
                out.toString());
    }

    @Test
    void onATerminalOneLineIsRewrittenInPlaceWithTheLevelBar() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        TeachDisplay d = new TeachDisplay(new PrintWriter(out), new PrintWriter(err), true, "dog");
        d.onStatus(WAITING);
        d.onStatus(LEVEL);
        String e = err.toString();
        assertTrue(e.startsWith("\rdog 1/3   -62.0 dBFS [#####...............]  waiting for a sound (dog 2 of 3)"
                + "\u001b[K"), e);
        assertTrue(e.endsWith("\rdog 1/3   -40.0 dBFS [##########..........]  waiting for a sound (dog 2 of 3)"
                + "\u001b[K"), e);
        assertEquals(0, e.chars().filter(c -> c == '\n').count(), "no new line: the line is rewritten");
        d.onExample(SAVED);
        assertTrue(err.toString().endsWith("\r\u001b[K"), "the status line is cleared before an example's line");
        assertTrue(out.toString().startsWith("saved dataset/dog/dog-002.wav"));
    }
}
