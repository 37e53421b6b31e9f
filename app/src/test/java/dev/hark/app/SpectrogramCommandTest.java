package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.frontend.FrontEndVariant;
import dev.hark.core.frontend.LogMel;
import dev.hark.core.io.Npy;
import dev.hark.core.io.NpyArray;
import dev.hark.testkit.Signals;
import dev.hark.testkit.TestData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: {@code hark spectrogram} writes the front end's exact values, a PNG of the expected size, one-line errors. */
class SpectrogramCommandTest {
    @TempDir
    Path dir;

    private Path tone(String name, double seconds) throws IOException {
        Path wav = dir.resolve(name);
        FeaturesCommandTest.writeFloatWav(wav, Signals.concat(Signals.sine(1000, seconds / 2, -12),
                Signals.noise(seconds / 2, -30, 3)), 16_000);
        return wav;
    }

    @Test
    void npyIsTheFrontEndBitForBit() throws IOException {
        float[] samples = Signals.concat(Signals.sine(440, 1.0, -6), Signals.noise(1.3, -20, 9));
        Path wav = dir.resolve("a.wav");
        FeaturesCommandTest.writeFloatWav(wav, samples, 16_000);
        for (FrontEndVariant v : FrontEndVariant.values()) {
            Path out = dir.resolve(v.cliName() + ".npy");
            Object[] r = HarkCommandTest.run("spectrogram", wav.toString(), "--variant", v.cliName(), "--out", out.toString());
            assertEquals(ExitCodes.OK, r[0], r[1] + " " + r[2]);
            float[][] expected = LogMel.logMel(samples, v);
            NpyArray a = Npy.read(out);
            assertEquals(expected.length, a.shape()[0]);
            assertEquals(64, a.shape()[1]);
            for (int i = 0; i < expected.length; i++) {
                for (int b = 0; b < 64; b++) {
                    assertEquals(Float.floatToRawIntBits(expected[i][b]), Float.floatToRawIntBits(a.floats()[i * 64 + b]),
                            v + " frame " + i + " band " + b);
                }
            }
        }
    }

    @Test
    void pngHasTheLayoutsSize() throws IOException {
        Path out = dir.resolve("s.png");
        Object[] r = HarkCommandTest.run("spectrogram", tone("t.wav", 5.0).toString(), "--out", out.toString());
        assertEquals(ExitCodes.OK, r[0], r[1] + " " + r[2]);
        BufferedImage img = ImageIO.read(out.toFile());
        assertEquals(64 + 1000 + 110, img.getWidth());
        assertEquals(50 + 320 + 42 + 12, img.getHeight());
        assertTrue(((String) r[1]).contains("498 frames, 1 per column"), (String) r[1]);
    }

    @Test
    void longInputIsPooledToAtMostAThousandColumns() throws IOException {
        Path out = dir.resolve("long.png");
        Object[] r = HarkCommandTest.run("spectrogram", tone("long.wav", 400.0).toString(), "--out", out.toString());
        assertEquals(ExitCodes.OK, r[0], r[1] + " " + r[2]);
        // 39998 frames: pools double until the columns fit, 64 frames each -> 625 columns
        assertTrue(((String) r[1]).contains("39998 frames, 64 per column (max-pooled) -> 625 columns"), (String) r[1]);
        assertEquals(1174, ImageIO.read(out.toFile()).getWidth());
    }

    @Test
    void conceptsDrawTheDetectorsEvents() throws IOException {
        Path out = dir.resolve("dog.png");
        Object[] r = HarkCommandTest.run("spectrogram", TestData.dogClip().toString(), "--concepts", "--out",
                out.toString());
        assertEquals(ExitCodes.OK, r[0], r[1] + " " + r[2]);
        String line = (String) r[1];
        assertTrue(line.matches("(?s).* with \\d+ events? of \\d+ labels? -> .*"), line);
        BufferedImage img = ImageIO.read(out.toFile());
        assertTrue(img.getHeight() > 50 + 320 + 42 + 12 + 18, "timeline rows under the plot: " + img.getHeight());
    }

    @Test
    void classifierLabelsMakeTheRows() throws IOException {
        Path bundle = dir.resolve("two.hark");
        Object[] t = HarkCommandTest.run("train", "--dataset", TinyData.twoClasses(dir).toString(), "--out",
                bundle.toString(), "--cache", dir.resolve("cache").toString());
        assertEquals(ExitCodes.OK, t[0], t[1] + " " + t[2]);
        Path wav = dir.resolve("low-high.wav");
        FeaturesCommandTest.writeFloatWav(wav, Signals.concat(Signals.sine(305, 3.0, -20), Signals.sine(3005, 3.0, -20)),
                16_000);
        Path out = dir.resolve("lh.png");
        Object[] r = HarkCommandTest.run("spectrogram", wav.toString(), "--classifier", bundle.toString(), "--out",
                out.toString());
        assertEquals(ExitCodes.OK, r[0], r[1] + " " + r[2]);
        assertTrue(((String) r[1]).contains(" of 2 labels -> "), (String) r[1]);
        BufferedImage img = ImageIO.read(out.toFile());
        assertEquals(50 + 320 + 42 + 2 * 18 + 6 + 12, img.getHeight());
        // row 0 is the first label seen: "low" (the first 3 s); its bar lies in the first half, row 1's in the second
        int left = img.getWidth() - 1000 - 110;
        int bar = 0x1f6fb4;
        int row0 = 50 + 320 + 42 + 3 + 9;
        int row1 = row0 + 18;
        assertEquals(bar, img.getRGB(left + 250, row0) & 0xffffff);
        assertEquals(bar, img.getRGB(left + 750, row1) & 0xffffff);
        assertTrue((img.getRGB(left + 750, row0) & 0xffffff) != bar);
    }

    @Test
    void badInputsAreOneLineExit2() throws IOException {
        Path wav = tone("t.wav", 1.0);
        String[][] cases = {
            {wav.toString(), "--out", dir.resolve("x.txt").toString()},
            {wav.toString(), "--concepts", "--out", dir.resolve("x.npy").toString()},
            {dir.resolve("missing.wav").toString(), "--out", dir.resolve("x.png").toString()},
            {wav.toString(), "--out", wav.toString()},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 1];
            args[0] = "spectrogram";
            System.arraycopy(c, 0, args, 1, c.length);
            Object[] r = HarkCommandTest.run(args);
            String err = (String) r[2];
            assertEquals(ExitCodes.BAD_INPUT, r[0], String.join(" ", c) + ": " + err);
            assertEquals(1, err.strip().lines().count(), err);
            assertTrue(err.startsWith("hark: "), err);
        }
        Path tiny = dir.resolve("tiny.wav");
        FeaturesCommandTest.writeFloatWav(tiny, new float[300], 16_000);
        Object[] r = HarkCommandTest.run("spectrogram", tiny.toString(), "--out", dir.resolve("tiny.png").toString());
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertEquals("hark: " + tiny + ": shorter than one 400-sample (25 ms) frame: nothing to draw", ((String) r[2]).strip());
        assertFalse(Files.exists(dir.resolve("tiny.png")));
        assertFalse(Files.exists(dir.resolve("x.png")));
    }
}
