package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.testkit.TestData;
import dev.hark.testkit.Tools;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** End to end: {@code hark info} and {@code hark classify} on the dog clip re-encoded by ffmpeg as M4A/AAC and Opus. */
class FfmpegFormatsCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"dog.m4a, aac, 'MP4 AAC, 44100 Hz, mono, ~5.00 s (estimated)'",
        "dog.opus, libopus, 'OGG OPUS, 48000 Hz, mono, ~5.01 s (estimated)'"})
    void infoAndClassify(String name, String codec, String info) throws IOException, InterruptedException {
        Tools.assumeFfmpeg();
        Path file = dir.resolve(name);
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-i", TestData.dogClip().toString(), "-c:a", codec,
                file.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);

        Object[] r = HarkCommandTest.run("info", file.toString());
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        assertEquals(file + ": " + info, ((String) r[1]).strip());

        Object[] c = HarkCommandTest.run("classify", file.toString(), "--top", "1");
        assertEquals(ExitCodes.OK, c[0], (String) c[2]);
        String out = (String) c[1];
        // the bark at 2.2-2.6 s: the windows over it are the dog concept, as for the original Ogg Vorbis clip
        assertTrue(out.contains("     1.440    2.415  dog "), out);
        assertTrue(out.contains("summary (5."), out);
    }
}
