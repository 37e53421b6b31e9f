package dev.hark.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.readme.ReadmeBlocks.Block;
import dev.hark.readme.ReadmeBlocks.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every command of the README must be, run or not (a user pastes the blocks the test skips too): Hark run as the
 * {@code hark} command the README installs, never as {@code java -jar app/target/hark.jar}, which only exists in the
 * checkout. Needs no build: it reads README.md.
 */
class ReadmeCommandsTest {
    @Test
    void everyCommandRunsHarkThroughTheLauncher() throws Exception {
        Path project = Path.of(System.getProperty("hark.project.dir", "..")).toAbsolutePath().normalize();
        List<Block> blocks = ReadmeBlocks.parse(Files.readAllLines(project.resolve("README.md")));
        List<String> wrong = new ArrayList<>();
        int commands = 0;
        for (Block b : blocks) {
            for (Step s : b.steps()) {
                commands++;
                String why = ReadmeBlocks.launcherSpelling(s.command());
                if (why != null) {
                    wrong.add("README.md:" + s.line() + ": " + why + ": " + s.command());
                }
            }
        }
        assertTrue(commands > 100, commands + " commands read");
        assertEquals(List.of(), wrong);
    }

    @Test
    void theCheckFindsEachBuiltJar() {
        assertNull(ReadmeBlocks.launcherSpelling("hark classify dog.ogg --top 1"));
        assertNull(ReadmeBlocks.launcherSpelling("hark bench frontend"));
        assertTrue(ReadmeBlocks.launcherSpelling("java -jar app/target/hark.jar classify dog.ogg")
                .endsWith("write 'hark'"));
        assertTrue(ReadmeBlocks.launcherSpelling("taskset -c 0 java -jar bench/target/hark-bench.jar events")
                .endsWith("write 'hark bench'"));
        assertTrue(ReadmeBlocks.launcherSpelling("java -jar scale/spark/target/hark-spark.jar embed --list c.txt")
                .endsWith("write 'hark spark'"));
    }
}
