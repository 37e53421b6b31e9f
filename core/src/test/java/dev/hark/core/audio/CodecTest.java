package dev.hark.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.testkit.TestData;
import dev.hark.testkit.Tools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FLAC, Ogg Vorbis and MP3 files made by sox (installed by .ci/run), and the ESC-50 clips in ../shared. */
class CodecTest {
    @TempDir
    static Path dir;

    static void sox(String... args) throws IOException, InterruptedException {
        Tools.assumeSox();
        List<String> cmd = new ArrayList<>();
        cmd.add("sox");
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "sox " + cmd + ": " + out);
    }

    /** A 2 s 1 kHz tone at half scale. */
    static Path tone(String name, int rateHz, int channels, String... format) throws Exception {
        return tone(dir, name, rateHz, channels, format);
    }

    static Path tone(Path in, String name, int rateHz, int channels, String... format) throws Exception {
        Path p = in.resolve(name);
        List<String> args = new ArrayList<>(List.of("-n", "-r", "" + rateHz, "-c", "" + channels));
        args.addAll(Arrays.asList(format));
        args.addAll(List.of(p.toString(), "synth", "2", "sine", "1000", "vol", "0.5"));
        sox(args.toArray(new String[0]));
        return p;
    }

    static float[] readNative(Path p) {
        try (AudioReader r = AudioReader.open(p)) {
            return TestWav.readAll(r, 4096);
        }
    }

    /** Fraction of the signal's energy at 1 kHz (Goertzel over the middle), and its level in dB re 0.5 amplitude. */
    static void assertCleanTone(float[] x, int rateHz, double toleranceDb) {
        int from = x.length / 4;
        int to = 3 * x.length / 4;
        double rms = ResamplerTest.rms(x, from, to);
        double db = 20 * Math.log10(rms / (0.5 / Math.sqrt(2)));
        assertTrue(Math.abs(db) < toleranceDb, "tone level off by " + db + " dB");
        double re = 0;
        double im = 0;
        for (int i = from; i < to; i++) {
            double a = 2 * Math.PI * 1000.0 * i / rateHz;
            re += x[i] * Math.cos(a);
            im += x[i] * Math.sin(a);
        }
        double toneRms = Math.sqrt(re * re + im * im) * Math.sqrt(2) / (to - from);
        assertTrue(toneRms / rms > 0.999, "1 kHz holds only " + toneRms / rms + " of the RMS");
    }

    @Test
    void flacIsLosslessAgainstTheSameWav() throws Exception {
        for (String[] v : new String[][] {{"44100", "2", "16"}, {"48000", "1", "24"}, {"8000", "3", "16"}, {"22050", "2", "8"}}) {
            int rate = Integer.parseInt(v[0]);
            Path wav = tone("t" + v[0] + ".wav", rate, Integer.parseInt(v[1]), "-b", v[2]);
            Path flac = dir.resolve("t" + v[0] + ".flac");
            sox(wav.toString(), flac.toString());
            try (AudioReader r = AudioReader.open(flac)) {
                AudioFileInfo i = r.info();
                assertEquals("FLAC", i.container());
                assertEquals("FLAC", i.encoding());
                assertEquals(rate, i.sampleRateHz());
                assertEquals(Integer.parseInt(v[1]), i.channels());
                assertEquals(Integer.parseInt(v[2]), i.bitsPerSample());
                assertEquals(2L * rate, i.frames());
                assertEquals(2.0, i.durationSeconds(), 1e-9);
            }
            assertArrayEquals(readNative(wav), readNative(flac), 0f, "FLAC " + Arrays.toString(v));
        }
    }

    @Test
    void oggVorbisDecodesWithExactLength() throws Exception {
        Path ogg = tone("t.ogg", 44100, 2);
        try (AudioReader r = AudioReader.open(ogg)) {
            AudioFileInfo i = r.info();
            assertEquals("OGG", i.container());
            assertEquals("VORBIS", i.encoding());
            assertEquals(44100, i.sampleRateHz());
            assertEquals(2, i.channels());
            assertEquals(0, i.bitsPerSample());
            assertEquals(88200, i.frames());
        }
        float[] x = readNative(ogg);
        assertEquals(88200, x.length);
        assertCleanTone(x, 44100, 0.2);
        float[] y = AudioFiles.readMono16k(ogg);
        assertEquals(32000, y.length);
        assertCleanTone(y, 16000, 0.2);
    }

    @Test
    void mp3DecodesWithRateChannelsAndEstimatedDuration() throws Exception {
        Path stereo = tone("t.mp3", 44100, 2);
        Path mono = tone("t22.mp3", 22050, 1);
        try (AudioReader r = AudioReader.open(stereo)) {
            AudioFileInfo i = r.info();
            assertEquals("MP3", i.container());
            assertEquals("MPEG1L3", i.encoding());
            assertEquals(44100, i.sampleRateHz());
            assertEquals(2, i.channels());
            assertEquals(-1, i.frames());
            assertEquals(2.0, i.durationSeconds(), 0.1);
        }
        try (AudioReader r = AudioReader.open(mono)) {
            assertEquals("MPEG2L3", r.info().encoding());
            assertEquals(22050, r.info().sampleRateHz());
            assertEquals(1, r.info().channels());
        }
        float[] x = readNative(stereo);
        assertEquals(88200, x.length, 2500); // encoder delay and padding
        // LAME itself lowers this tone by 0.45 dB (sox's own decoding of the file agrees).
        assertCleanTone(x, 44100, 0.6);
        assertCleanTone(AudioFiles.readMono16k(mono), 16000, 0.6);
    }

    @Test
    void truncatedAndHeaderOnlyCodedFilesAreNamed() throws Exception {
        Path flac = tone("c.flac", 44100, 2, "-b", "16");
        Path ogg = tone("c.ogg", 44100, 2);
        Path mp3 = tone("c.mp3", 44100, 2);
        byte[] f = Files.readAllBytes(flac);
        byte[] o = Files.readAllBytes(ogg);
        byte[] m = Files.readAllBytes(mp3);
        BadInputTest.failure(Files.write(dir.resolve("half.flac"), Arrays.copyOf(f, f.length / 2)), "truncated");
        BadInputTest.failure(Files.write(dir.resolve("head.flac"), Arrays.copyOf(f, 100)), "truncated");
        BadInputTest.failure(Files.write(dir.resolve("half.ogg"), Arrays.copyOf(o, o.length / 2)), "truncated");
        BadInputTest.failure(Files.write(dir.resolve("head.ogg"), Arrays.copyOf(o, 200)), "truncated");
        BadInputTest.failure(Files.write(dir.resolve("head.mp3"), Arrays.copyOf(m, 300)), "MP3");
        // A wrong extension on coded audio still works: detection is by content.
        Path oggAsWav = Files.write(dir.resolve("really-ogg.wav"), o);
        assertEquals(32000, AudioFiles.readMono16k(oggAsWav).length);
    }

    static Path firstEsc50Clip() throws IOException {
        Path audio = TestData.assumePresent("datasets/esc50-dev/audio");
        try (Stream<Path> s = Files.list(audio)) {
            return s.filter(p -> p.toString().endsWith(".ogg")).sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void esc50ClipMatchesSoxWithinSixteenBitPrecision() throws Exception {
        Path clip = firstEsc50Clip();
        Path raw = dir.resolve("clip.f32");
        sox(clip.toString(), "-t", "f32", "-e", "floating-point", raw.toString());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        float[] ref = new float[b.remaining() / 4];
        b.asFloatBuffer().get(ref);
        float[] got = readNative(clip);
        assertEquals(ref.length, got.length);
        double maxDiff = 0;
        for (int i = 0; i < ref.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(ref[i] - got[i]));
        }
        // sox hands Vorbis on as 16-bit; we keep the decoder's floats.
        assertTrue(maxDiff <= 1.0 / 32768, "max difference to sox " + maxDiff);
        try (AudioReader r = AudioReader.open(clip)) {
            assertEquals(44100, r.info().sampleRateHz());
            assertEquals(1, r.info().channels());
            assertEquals(ref.length, r.info().frames());
        }
        assertEquals((long) Math.ceil(ref.length * 16000.0 / 44100), AudioFiles.readMono16k(clip).length);
    }

    /** Interleaved samples as the JDK's own WAV reader decodes them, averaged to mono, in double precision. */
    static double[] jdkMono(Path p) throws Exception {
        try (javax.sound.sampled.AudioInputStream s = javax.sound.sampled.AudioSystem.getAudioInputStream(p.toFile())) {
            javax.sound.sampled.AudioFormat f = s.getFormat();
            byte[] b = s.readAllBytes();
            int bytes = f.getSampleSizeInBits() / 8;
            int ch = f.getChannels();
            ByteBuffer bb = ByteBuffer.wrap(b).order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            double[] mono = new double[b.length / (bytes * ch)];
            for (int i = 0; i < mono.length; i++) {
                double sum = 0;
                for (int c = 0; c < ch; c++) {
                    int at = (i * ch + c) * bytes;
                    boolean isFloat = f.getEncoding() == javax.sound.sampled.AudioFormat.Encoding.PCM_FLOAT;
                    double v;
                    if (isFloat) {
                        v = bytes == 4 ? bb.getFloat(at) : bb.getDouble(at);
                    } else if (bytes == 1) {
                        v = ((b[at] & 0xff) - 128) / 128.0;
                    } else if (bytes == 2) {
                        v = bb.getShort(at) / 32768.0;
                    } else if (bytes == 3) {
                        int x = (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) | (b[at + 2] << 16);
                        v = x / 8388608.0;
                    } else {
                        v = bb.getInt(at) / 2147483648.0;
                    }
                    sum += v;
                }
                mono[i] = sum / ch;
            }
            return mono;
        }
    }

    @Test
    void soxWavVariantsMatchTheJdkReader() throws Exception {
        String[][] variants = {{"-b", "8"}, {"-b", "16"}, {"-b", "24"}, {"-b", "32"}, {"-e", "floating-point", "-b", "32"},
            {"-e", "floating-point", "-b", "64"}};
        for (String[] v : variants) {
            for (int channels : new int[] {1, 3}) {
                String name = "jdk" + String.join("", v) + "-" + channels + ".wav";
                Path wav = tone(name, 22050, channels, v);
                double[] want = jdkMono(wav);
                float[] got = readNative(wav);
                assertEquals(want.length, got.length, name);
                for (int i = 0; i < want.length; i++) {
                    assertEquals((float) want[i], got[i], 1e-7f, name + " frame " + i);
                }
            }
        }
    }
}
