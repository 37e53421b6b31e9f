package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.testkit.HelpText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command's {@code --help}, as picocli wraps it at its default width, breaks lines between words only. */
class HelpTextTest {
    @Test
    void noHelpLineSplitsAWord() {
        HelpText.Check c = HelpText.check(Hark.commandLine(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())));
        assertTrue(c.commands() >= 14, c.commands() + " commands");
        assertEquals(List.of(), c.splits());
    }

    @Test
    void theCheckFindsASplitWord() {
        assertEquals("e.|g.", HelpText.split("  values, e.", "      g. lambda=0.1", "values, e.g. lambda=0.1"));
        assertEquals(null, HelpText.split("  the first", "      line", "the first line"));
    }
}
