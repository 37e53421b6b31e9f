package dev.hark.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenProcessTest {
    @Test
    void cpuTicksAreUserPlusSystemTimeEvenWithSpacesInTheName() {
        String stat = "4242 (java (hark) x) S 1 4242 4242 0 -1 4194560 33025 0 12 0 1234 56 0 0 20 0 31 0 7 0 0";
        assertEquals(1234 + 56, ListenProcess.cpuTicks(stat));
    }

    @Test
    void linesAreStampedAndTheProcessIsReadFromProc() throws Exception {
        try (ListenProcess p = ListenProcess.start(List.of("sh", "-c",
                "echo started >&2; echo one; echo two; sleep 0.3; echo three; sleep 30"), Map.of())) {
            assertEquals("started", p.awaitStderr("start", 10_000));
            long ticks = p.cpuTicks();
            assertTrue(ticks >= 0);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (p.stdout().size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<ListenProcess.Line> lines = p.stdout();
            assertEquals(List.of("one", "two", "three"), lines.stream().map(ListenProcess.Line::text).toList());
            assertTrue(lines.get(2).nanos() - lines.get(1).nanos() >= 250_000_000L, "stamped when read");
            assertNull(p.awaitStderr("never", 100));
        }
    }

    @Test
    void aToolIsFoundOnlyAsAnExecutableFileOnThePath(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path tool = Files.writeString(bin.resolve("paplay"), "#!/bin/sh\n");
        Files.createDirectories(bin.resolve("pactl")); // a directory is not a tool
        assertEquals("paplay", VirtualMicrophone.firstMissing(List.of("paplay"), dir.resolve("none").toString()));
        assertEquals("paplay", VirtualMicrophone.firstMissing(List.of("paplay"), bin.toString()), "not executable");
        assertTrue(tool.toFile().setExecutable(true));
        assertNull(VirtualMicrophone.firstMissing(List.of("paplay"), "/nowhere:" + bin));
        assertEquals("pactl", VirtualMicrophone.firstMissing(List.of("paplay", "pactl"), bin.toString()));
    }
}
