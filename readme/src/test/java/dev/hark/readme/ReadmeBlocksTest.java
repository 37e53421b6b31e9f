package dev.hark.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.readme.ReadmeBlocks.Block;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the README's blocks, commands, outputs and markers are read; and the shell session that runs them. */
class ReadmeBlocksTest {
    @Test
    void commandsOutputsContinuationsAndMarkers() {
        List<String> md = List.of("## Section", "text", "```", "$ echo a && \\", "  echo b", "a", "b", "$ true", "```",
                "", "<!-- figures vary by CPU -->", "<!-- not run: needs a microphone -->", "```", "$ hark listen",
                "```", "```java", "$ not a command block", "```", "```", "output only", "```");
        List<Block> blocks = ReadmeBlocks.parse(md);
        assertEquals(2, blocks.size());
        Block first = blocks.get(0);
        assertEquals(3, first.fenceLine());
        assertEquals("Section", first.heading());
        assertNull(first.notRun());
        assertEquals(2, first.steps().size());
        assertEquals("echo a && \\\n  echo b", first.steps().get(0).command());
        assertEquals(List.of("a", "b"), first.steps().get(0).expected());
        assertEquals(6, first.steps().get(0).outputLine());
        assertEquals(List.of(), first.steps().get(1).expected());
        assertEquals("needs a microphone", blocks.get(1).notRun());
        assertTrue(blocks.get(1).variesByCpu());
    }

    @Test
    void oneSessionKeepsDirectoryVariablesAndExitCodes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        List<ShellSession.Result> r = ShellSession.run(List.of("mkdir sub && cd sub", "export X=1; printf 'no newline'",
                "ls nothing-here > /dev/null", "echo $? $X $(basename $PWD)", "echo to stderr >&2", "sleep 0.3"), dir,
                java.util.Map.of("PATH", System.getenv("PATH")), 60);
        assertEquals(6, r.size());
        assertEquals(List.of("no newline"), r.get(1).lines());
        assertEquals(2, r.get(2).exitCode());
        assertEquals(List.of("2 1 sub"), r.get(3).lines());
        assertEquals(List.of("to stderr"), r.get(4).lines());
        assertTrue(r.get(5).seconds() >= 0.3 && r.get(5).seconds() < 5, "sleep 0.3 took " + r.get(5).seconds());
        assertTrue(r.get(4).seconds() < 0.3, "echo took " + r.get(4).seconds());
    }
}
