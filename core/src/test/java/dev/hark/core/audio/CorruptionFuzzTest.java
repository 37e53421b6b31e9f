package dev.hark.core.audio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.BadInputException;
import dev.hark.testkit.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files (bytes overwritten, cut at random places) either decode or fail with a one-line
 * BadInputException naming the file: never another exception, never a hang.
 */
class CorruptionFuzzTest {
    @TempDir
    Path dir;

    private void fuzz(String name, byte[] good, long seed, int trials) throws Exception {
        Random rnd = new Random(seed);
        List<String> outcomes = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            byte[] b = Arrays.copyOf(good, good.length);
            int kind = t % 3;
            if (kind == 0) {
                b = Arrays.copyOf(b, 1 + rnd.nextInt(b.length - 1));
            } else {
                int flips = 1 + rnd.nextInt(kind == 1 ? 4 : 64);
                // Mostly in the first kilobyte, where the headers are.
                for (int f = 0; f < flips; f++) {
                    int at = rnd.nextBoolean() ? rnd.nextInt(Math.min(1024, b.length)) : rnd.nextInt(b.length);
                    b[at] = (byte) rnd.nextInt(256);
                }
            }
            Path p = Files.write(dir.resolve(name + "-" + t), b);
            String outcome = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
                try {
                    float[] x = AudioFiles.readMono16k(p);
                    for (float v : x) {
                        assertTrue(v >= -1f && v <= 1f, "sample out of range: " + v);
                    }
                    return "ok";
                } catch (BadInputException e) {
                    assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
                    assertFalse(e.getMessage().contains("\n"), e.getMessage());
                    return "bad";
                }
            }, () -> "hang on " + p);
            outcomes.add(outcome);
        }
        assertTrue(outcomes.contains("bad"), name + ": no damage was ever detected: " + outcomes);
    }

    @Test
    void damagedWav() throws Exception {
        TestWav w = new TestWav();
        w.channels = 2;
        w.rateHz = 44100;
        fuzz("wav", w.build(TestWav.sine(440, 44100, 2 * 44100, 0.5)), 1, 60);
        TestWav f = new TestWav();
        f.formatTag = TestWav.FLOAT;
        f.bits = 32;
        fuzz("float", f.build(TestWav.sine(440, 16000, 16000, 0.5)), 2, 30);
    }

    @Test
    void damagedCodedFiles() throws Exception {
        Tools.assumeSox();
        fuzz("ogg", Files.readAllBytes(CodecTest.tone(dir, "f.ogg", 44100, 2)), 3, 60);
        fuzz("flac", Files.readAllBytes(CodecTest.tone(dir, "f.flac", 44100, 2, "-b", "16")), 4, 60);
        fuzz("mp3", Files.readAllBytes(CodecTest.tone(dir, "f.mp3", 44100, 2)), 5, 60);
    }
}
