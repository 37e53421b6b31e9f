package dev.hark.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ffmpeg child process: a stalled read is killed, close kills, a failing decoder's exit status and message count. */
class ExternalProcessTest {
    @TempDir
    Path dir;

    @Test
    void stalledReadIsKilled() throws IOException {
        long t0 = System.nanoTime();
        try (ExternalProcess p = new ExternalProcess(List.of("sleep", "30"), 300)) {
            assertEquals(-1, p.stdout().read(new byte[16], 0, 16));
            assertTrue(p.timedOut());
            p.waitFor(5000); // the kill is asynchronous: the process is reaped shortly after its pipe closed
            assertFalse(p.alive());
        }
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "killed after the 300 ms stall, not after 30 s");
    }

    @Test
    void timeBetweenReadsIsNotAStall() throws IOException, InterruptedException {
        try (ExternalProcess p = new ExternalProcess(List.of("sh", "-c", "echo a; sleep 1; echo b"), 300)) {
            byte[] b = new byte[2];
            assertEquals(2, p.stdout().readNBytes(b, 0, 2));
            Thread.sleep(1500); // the caller is busy: ffmpeg waits on the pipe, which is no stall
            assertFalse(p.timedOut());
            assertEquals(2, p.stdout().readNBytes(b, 0, 2));
            assertEquals(0, p.waitFor(5000));
        }
    }

    @Test
    void closeKillsARunningProcess() throws IOException {
        ExternalProcess p = new ExternalProcess(List.of("sleep", "30"), 60_000);
        assertTrue(p.alive());
        p.close();
        assertFalse(p.alive());
        p.close(); // idempotent
    }

    private Path script(String name, String body) throws IOException {
        Path s = dir.resolve(name);
        Files.writeString(s, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        return s;
    }

    @Test
    void failingFfmpegIsOneLineWithItsMessage() throws IOException {
        script("ffprobe", "printf 'codec_name=aac\\nsample_rate=44100\\nchannels=2\\nduration=1.0\\n'");
        Path ffmpeg = script("ffmpeg", "printf '\\000\\000\\000\\000\\000\\000\\000\\000'; echo 'Error: bad bitstream' >&2; exit 1");
        Path m4a = dir.resolve("x.m4a");
        Files.write(m4a, new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'M', '4', 'A', ' ', 0, 0, 0, 0});
        String old = System.getProperty(Ffmpeg.PROPERTY);
        System.setProperty(Ffmpeg.PROPERTY, ffmpeg.toString());
        try {
            String m = BadInputTest.failure(m4a, "M4A/AAC", "Error: bad bitstream");
            assertEquals(m4a + ": corrupt M4A/AAC data? ffmpeg could not decode it: Error: bad bitstream", m);
        } finally {
            if (old == null) {
                System.clearProperty(Ffmpeg.PROPERTY);
            } else {
                System.setProperty(Ffmpeg.PROPERTY, old);
            }
        }
    }
}
