package dev.hark.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.testkit.Tools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * M4A/AAC, ADTS AAC and Ogg Opus made by ffmpeg from a sox tone: detected from the content, decoded through ffmpeg
 * and equal, sample for sample, to ffmpeg's own raw decode averaged over channels; a missing ffmpeg is one line
 * naming what to install.
 */
class FfmpegFormatsTest {
    @TempDir
    Path dir;

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    }

    private Path encode(String name, String codec, String extra) throws IOException, InterruptedException {
        Tools.assumeSox();
        Tools.assumeFfmpeg();
        Path wav = dir.resolve("tone.wav");
        if (!Files.exists(wav)) {
            run("sox", "-R", "-n", "-r", "44100", "-c", "2", "-b", "16", wav.toString(), "synth", "2.5", "sine", "440",
                    "sine", "1500", "vol", "0.4");
        }
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-i", wav.toString(), "-c:a", codec));
        if (!extra.isEmpty()) {
            cmd.addAll(List.of(extra.split(" ")));
        }
        cmd.add(out.toString());
        run(cmd.toArray(String[]::new));
        return out;
    }

    /** ffmpeg's own decode of {@code file} as float32, channels averaged here in double precision. */
    private float[] reference(Path file, int channels) throws IOException, InterruptedException {
        Path raw = dir.resolve(file.getFileName() + ".f32");
        run("ffmpeg", "-v", "error", "-y", "-i", file.toString(), "-f", "f32le", "-acodec", "pcm_f32le", raw.toString());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        float[] mono = new float[b.remaining() / 4 / channels];
        for (int i = 0; i < mono.length; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += b.getFloat();
            }
            mono[i] = (float) (sum / channels);
        }
        return mono;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tone.m4a, aac, , MP4, AAC, 44100", "tone.aac, aac, -f adts, ADTS, AAC, 44100",
        "tone.opus, libopus, -b:a 64k, OGG, OPUS, 48000"})
    void decodesAsFfmpegDoes(String name, String codec, String extra, String container, String encoding, int rate)
            throws IOException, InterruptedException {
        Path file = encode(name, codec, extra == null ? "" : extra);
        Path renamed = Files.move(file, dir.resolve("no-extension")); // content decides, not the name
        float[] expected = reference(renamed, 2);
        try (AudioReader r = AudioReader.open(renamed)) {
            assertEquals(container, r.info().container());
            assertEquals(encoding, r.info().encoding());
            assertEquals(rate, r.info().sampleRateHz());
            assertEquals(2, r.info().channels());
            assertEquals(2.5, r.info().durationSeconds(), 0.1);
            float[] got = new float[expected.length + 10];
            int n = 0;
            int k;
            while ((k = r.read(got, n, Math.min(777, got.length - n))) > 0) { // odd block size: pipe reads split frames
                n += k;
            }
            assertEquals(expected.length, n);
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(got[i]), "sample " + i);
            }
            assertEquals(-1, r.read(got, 0, 1));
        }
        Files.delete(renamed);
    }

    @Test
    void missingFfmpegNamesWhatToInstall() throws IOException, InterruptedException {
        Path m4a = encode("x.m4a", "aac", "");
        Path opus = encode("x.opus", "libopus", "");
        String old = System.getProperty(Ffmpeg.PROPERTY);
        System.setProperty(Ffmpeg.PROPERTY, dir.resolve("no-ffmpeg-here").toString());
        try {
            assertEquals(m4a + ": M4A/AAC needs ffmpeg on the PATH (apt install ffmpeg)", BadInputTest.failure(m4a));
            assertEquals(opus + ": Ogg Opus needs ffmpeg on the PATH (apt install ffmpeg)", BadInputTest.failure(opus));
        } finally {
            if (old == null) {
                System.clearProperty(Ffmpeg.PROPERTY);
            } else {
                System.setProperty(Ffmpeg.PROPERTY, old);
            }
        }
    }

    @Test
    void truncatedM4aIsOneLine() throws IOException, InterruptedException {
        Path m4a = encode("cut.m4a", "aac", "");
        byte[] all = Files.readAllBytes(m4a);
        Files.write(m4a, java.util.Arrays.copyOf(all, 40));
        String m = BadInputTest.failure(m4a, "M4A/AAC");
        assertTrue(m.contains("ffprobe") || m.contains("ffmpeg"), m);
    }

    @Test
    void findsToolsOnAPathOnly() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        assertEquals(Optional.empty(), Ffmpeg.find(null, bin.toString()));
        for (String t : new String[] {"ffmpeg", "ffprobe"}) {
            Path p = Files.writeString(bin.resolve(t), "#!/bin/sh\n");
            p.toFile().setExecutable(true);
        }
        assertEquals(bin.resolve("ffmpeg"), Ffmpeg.find(null, "/nonexistent:" + bin).orElseThrow().ffmpeg());
        assertEquals(Optional.empty(), Ffmpeg.find(dir.resolve("nope").toString(), bin.toString()));
    }
}
