package dev.hark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.testkit.HelpText;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every hark-bench command's {@code --help} breaks lines between words only, as {@code hark}'s do. */
class BenchHelpTextTest {
    @Test
    void noHelpLineSplitsAWord() {
        HelpText.Check c = HelpText.check(new CommandLine(new Bench()));
        assertTrue(c.commands() >= 10, c.commands() + " commands");
        assertEquals(List.of(), c.splits());
    }
}
