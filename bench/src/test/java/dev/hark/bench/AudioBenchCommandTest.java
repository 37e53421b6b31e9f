package dev.hark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.app.ExitCodes;
import dev.hark.core.audio.WavWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audio benchmark runs over a directory and reports each figure (the speed itself is not asserted). */
class AudioBenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void reportsResamplerHeadersAndDecoding() throws Exception {
        float[] tone = new float[32_000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        WavWriter.writePcm16(dir.resolve("a.wav"), tone, 16_000);
        Object[] r = BenchTest.run("audio", dir.toString(), "--seconds", "0.05");
        String out = (String) r[1];
        assertEquals(ExitCodes.OK, r[0], out + r[2]);
        assertTrue(out.contains("resampler 44.1 kHz -> 16 kHz:") && out.contains("resampler 48.0 kHz -> 16 kHz:"), out);
        assertTrue(out.contains("headers (hark info):     1 files, 2.0 s of audio"), out);
        assertTrue(out.contains("decode to 16 kHz mono:   1 files, 2.0 s of audio"), out);
    }

    @Test
    void aMissingOrEmptyDirectoryIsAUsageError() throws Exception {
        Object[] r = BenchTest.run("audio", dir.resolve("none").toString());
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertEquals("hark: " + dir.resolve("none") + ": not a directory\n", r[2]);
        Files.createDirectories(dir.resolve("empty"));
        assertEquals(ExitCodes.BAD_INPUT, BenchTest.run("audio", dir.resolve("empty").toString())[0]);
    }
}
