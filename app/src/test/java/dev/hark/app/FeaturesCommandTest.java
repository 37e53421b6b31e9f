package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.io.Npy;
import dev.hark.core.io.NpyArray;
import dev.hark.testkit.TestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** End to end: {@code hark features} on 16 kHz float WAVs made from the golden waves writes the golden values. */
class FeaturesCommandTest {
    @TempDir
    Path dir;

    private static Path golden(String file) {
        return TestData.shared("golden/frontend").resolve(file);
    }

    private static float[] f32(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        float[] out = new float[b.length / 4];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** A WAVE_FORMAT_IEEE_FLOAT mono file, written by hand (independent of Hark's own WAV code). */
    static void writeFloatWav(Path path, float[] samples, int rateHz) throws IOException {
        int dataBytes = samples.length * 4;
        ByteBuffer b = ByteBuffer.allocate(12 + 26 + 12 + 8 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 26 + 12 + 8 + dataBytes);
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(18);
        b.putShort((short) 3).putShort((short) 1).putInt(rateHz).putInt(rateHz * 4).putShort((short) 4)
                .putShort((short) 32).putShort((short) 0);
        b.put("fact".getBytes(StandardCharsets.US_ASCII)).putInt(4).putInt(samples.length);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (float s : samples) {
            b.putFloat(s);
        }
        Files.write(path, b.array());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"dogbark, vggish, 498", "dogbark, yamnet, 498", "chirp, yamnet, 198", "short, vggish, 95"})
    void writesTheGoldenLogMel(String name, String variant, int frames) throws IOException {
        float[] wave = f32(golden(name + ".wave.f32"));
        Path wav = dir.resolve(name + ".wav");
        writeFloatWav(wav, wave, 16_000);
        Path out = dir.resolve(name + "." + variant + ".npy");

        Object[] r = HarkCommandTest.run("features", wav.toString(), "--variant", variant, "--out", out.toString());

        assertEquals(ExitCodes.OK, r[0], r[1] + " " + r[2]);
        assertTrue(((String) r[1]).contains(frames + " frames x 64"), (String) r[1]);
        NpyArray a = Npy.read(out);
        assertEquals("<f4", a.dtype());
        assertArrayEquals(new int[] {frames, 64}, a.shape());
        float[] expected = f32(golden(name + "." + variant + ".logmel.f32"));
        assertEquals(expected.length, a.size());
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs((double) a.floats()[i] - expected[i]));
        }
        assertTrue(worst <= 1e-4, "max abs error " + worst);
        assertNoTemporaryFiles();
    }

    @Test
    void badInputFileIsOneLineExit2AndNoOutput() throws IOException {
        Path notAudio = dir.resolve("notes.wav");
        Files.writeString(notAudio, "this is not audio at all, just text pretending to be a WAV file\n");
        Path out = dir.resolve("x.npy");
        Object[] r = HarkCommandTest.run("features", notAudio.toString(), "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        String err = (String) r[2];
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.startsWith("hark: ") && err.contains("notes.wav"), err);
        assertFalse(Files.exists(out));

        Object[] missing = HarkCommandTest.run("features", dir.resolve("nope.wav").toString(), "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, missing[0]);
        assertEquals(1, ((String) missing[2]).strip().lines().count(), (String) missing[2]);
        assertFalse(Files.exists(out));
        assertNoTemporaryFiles();
    }

    @Test
    void existingOutputSurvivesAFailedRun() throws IOException {
        Path out = dir.resolve("keep.npy");
        Files.writeString(out, "previous result");
        Path empty = dir.resolve("empty.wav");
        Files.write(empty, new byte[0]);
        Object[] r = HarkCommandTest.run("features", empty.toString(), "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertEquals("previous result", Files.readString(out));
        assertNoTemporaryFiles();
    }

    @Test
    void unwritableOutIsOneLineExit2() throws IOException {
        Path wav = dir.resolve("s.wav");
        writeFloatWav(wav, new float[4000], 16_000);
        Path out = dir.resolve("no-such-dir").resolve("x.npy");
        Object[] r = HarkCommandTest.run("features", wav.toString(), "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        String err = (String) r[2];
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.contains("cannot write") && err.contains("x.npy"), err);

        Object[] toDir = HarkCommandTest.run("features", wav.toString(), "--out", dir.toString());
        assertEquals(ExitCodes.BAD_INPUT, toDir[0]);
        assertTrue(((String) toDir[2]).contains("is a directory"), (String) toDir[2]);
    }

    @Test
    void badVariantIsUsageError() throws IOException {
        Path wav = dir.resolve("s.wav");
        writeFloatWav(wav, new float[4000], 16_000);
        Object[] r = HarkCommandTest.run("features", wav.toString(), "--variant", "mfcc", "--out",
                dir.resolve("x.npy").toString());
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertTrue(((String) r[2]).contains("unknown front-end variant 'mfcc'"), (String) r[2]);
        assertFalse(Files.exists(dir.resolve("x.npy")));
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count(), "temporary files left");
        }
    }
}
