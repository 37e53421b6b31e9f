package dev.hark.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.BadInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged AU, AIFF/AIFF-C and ADPCM WAV files: each gives one line naming the file and what is wrong (through
 * {@link BadInputTest#failure}), never a trace or a hang; AU's "unknown size" reads to the end of the file.
 */
class MalformedFormatsTest {
    @TempDir
    Path dir;

    /** An AU header and {@code frames} 16-bit mono samples of a ramp. */
    static byte[] au(long dataSize, int encoding, int rateHz, int channels, int frames) {
        ByteBuffer b = ByteBuffer.allocate(32 + 2 * frames * channels);
        b.put(".snd".getBytes(StandardCharsets.US_ASCII)).putInt(32).putInt((int) dataSize).putInt(encoding)
                .putInt(rateHz).putInt(channels).put("annotate".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < frames * channels; i++) {
            b.putShort((short) (i * 7));
        }
        return b.array();
    }

    private Path file(String name, byte[] b) throws Exception {
        return Files.write(dir.resolve(name), b);
    }

    @Test
    void auHeaderProblemsAreNamed() throws Exception {
        byte[] ok = au(2000, 3, 8000, 1, 1000);
        assertEquals(1000, AudioFiles.readMono16k(file("ok.au", ok)).length * 8000 / 16000);
        BadInputTest.failure(file("head.au", Arrays.copyOf(ok, 10)), "truncated AU", "header");
        BadInputTest.failure(file("zero-ch.au", au(2000, 3, 8000, 0, 1000)), "zero channels");
        BadInputTest.failure(file("fast.au", au(2000, 3, 2_000_000_000, 1, 1000)), "sample rate 2000000000 Hz");
        BadInputTest.failure(file("zero-hz.au", au(2000, 3, 0, 1, 1000)), "sample rate 0 Hz");
        BadInputTest.failure(file("many-ch.au", au(2000, 3, 8000, 100_000, 1)), "100000 channels");
        BadInputTest.failure(file("beyond.au", au(4_000_000, 3, 8000, 1, 1000)), "truncated", "4000000", "2000 bytes");
        BadInputTest.failure(file("cut.au", Arrays.copyOf(ok, 1000)), "truncated", "968 bytes");
        BadInputTest.failure(file("g721.au", au(2000, 23, 8000, 1, 1000)), "unsupported AU encoding 23", "G.721");
        BadInputTest.failure(file("empty.au", Arrays.copyOf(au(0, 3, 8000, 1, 0), 32)), "no audio");
        BadInputTest.failure(file("header-only.au", Arrays.copyOf(ok, 32)), "truncated", "2000 bytes", "only 0");
        byte[] offset = ok.clone();
        ByteBuffer.wrap(offset).putInt(4, 1 << 30);
        BadInputTest.failure(file("offset.au", offset), "data at byte 1073741824");
        ByteBuffer.wrap(offset).putInt(4, 8);
        BadInputTest.failure(file("offset8.au", offset), "data offset 8");
    }

    @Test
    void auUnknownSizeReadsToTheEndOfTheFile() throws Exception {
        Path p = file("stream.au", au(0xffffffffL, 3, 8000, 2, 1234));
        try (AudioReader r = AudioReader.open(p)) {
            assertEquals("AU", r.info().container());
            assertEquals(1234, r.info().frames());
            float[] x = TestWav.readAll(r, 100);
            assertEquals(1234, x.length);
            // Frame i holds the ramp values 14i and 14i+7 (16-bit wrap-around), averaged.
            assertEquals(((short) (14 * 1000) + (short) (14 * 1000 + 7)) / 65536.0, x[1000], 0);
        }
    }

    @Test
    void byteSwappedAuIsReadAsLittleEndian() throws Exception {
        byte[] big = au(2000, 3, 8000, 2, 500);
        ByteBuffer in = ByteBuffer.wrap(big);
        ByteBuffer little = ByteBuffer.allocate(big.length).order(ByteOrder.LITTLE_ENDIAN);
        little.put("dns.".getBytes(StandardCharsets.US_ASCII));
        for (int k = 4; k < 24; k += 4) {
            little.putInt(in.getInt(k));
        }
        little.put(big, 24, 8);
        for (int k = 32; k < big.length; k += 2) {
            little.putShort(in.getShort(k));
        }
        float[] want;
        try (AudioReader r = AudioReader.open(file("big.au", big))) {
            want = TestWav.readAll(r, 128);
        }
        try (AudioReader r = AudioReader.open(file("little.au", little.array()))) {
            assertEquals("AU", r.info().container());
            assertEquals(2, r.info().channels());
            assertEquals(500, r.info().frames());
            float[] got = TestWav.readAll(r, 128);
            assertEquals(500, got.length);
            assertTrue(Arrays.equals(want, got), "the same samples as the big-endian file");
        }
    }

    /** A 16-bit AIFF of {@code frames} mono samples; {@code rate} as raw 80-bit extended bytes. */
    static byte[] aiff(int channels, long frames, byte[] rate, int dataFrames) {
        ByteBuffer b = ByteBuffer.allocate(12 + 26 + 16 + 2 * dataFrames * channels);
        b.put("FORM".getBytes(StandardCharsets.US_ASCII)).putInt(b.capacity() - 8)
                .put("AIFF".getBytes(StandardCharsets.US_ASCII));
        b.put("COMM".getBytes(StandardCharsets.US_ASCII)).putInt(18).putShort((short) channels).putInt((int) frames)
                .putShort((short) 16).put(rate);
        b.put("SSND".getBytes(StandardCharsets.US_ASCII)).putInt(8 + 2 * dataFrames * channels).putInt(0).putInt(0);
        for (int i = 0; i < dataFrames * channels; i++) {
            b.putShort((short) (i * 3));
        }
        return b.array();
    }

    @Test
    void aiffHeaderProblemsAreNamed() throws Exception {
        byte[] r8k = SoxFormatsTest.extended(8000);
        byte[] ok = aiff(1, 500, r8k, 500);
        try (AudioReader r = AudioReader.open(file("ok.aiff", ok))) {
            assertEquals(8000, r.info().sampleRateHz());
            assertEquals(500, TestWav.readAll(r, 64).length);
        }
        BadInputTest.failure(file("form-only.aiff", Arrays.copyOf(ok, 12)), "no COMM chunk");
        BadInputTest.failure(file("in-comm.aiff", Arrays.copyOf(ok, 30)), "truncated AIFF", "COMM");
        BadInputTest.failure(file("zero-ch.aiff", aiff(0, 500, r8k, 500)), "zero channels");
        BadInputTest.failure(file("fast.aiff", aiff(1, 500, SoxFormatsTest.extended(2_000_000_000L), 500)),
                "sample rate 2000000000 Hz");
        byte[] huge = r8k.clone();
        huge[0] = 0x7f; // exponent near the top: about 10^4900 Hz
        BadInputTest.failure(file("huge.aiff", aiff(1, 500, huge, 500)), "sample rate");
        BadInputTest.failure(file("zero-hz.aiff", aiff(1, 500, new byte[10], 500)), "sample rate 0");
        BadInputTest.failure(file("more-frames.aiff", aiff(1, 5000, r8k, 500)), "5000 frames", "holds 500");
        BadInputTest.failure(file("cut.aiff", Arrays.copyOf(ok, ok.length - 100)), "truncated", "1000 bytes");
        BadInputTest.failure(file("no-ssnd.aiff", Arrays.copyOf(ok, 38)), "no SSND chunk");
        byte[] iff = ok.clone();
        System.arraycopy("8SVX".getBytes(StandardCharsets.US_ASCII), 0, iff, 8, 4);
        BadInputTest.failure(file("x.iff", iff), "unsupported format", "8SVX");
        byte[] aifc = SoxFormatsTest.aifc("ima4", 1, 8000, new byte[100]);
        BadInputTest.failure(file("ima4.aifc", aifc), "unsupported AIFF-C compression 'ima4'");
    }

    @Test
    void adpcmWavProblemsAreNamed() throws Exception {
        Path ms = SoxFormatsTest.make(dir, "ms-src.wav", 8000, 2, "-e", "ms-adpcm");
        Path ima = SoxFormatsTest.make(dir, "ima-src.wav", 8000, 1, "-e", "ima-adpcm");
        byte[] m = Files.readAllBytes(ms);
        byte[] i = Files.readAllBytes(ima);
        BadInputTest.failure(file("half-ms.wav", Arrays.copyOf(m, m.length / 2)), "truncated");
        BadInputTest.failure(file("half-ima.wav", Arrays.copyOf(i, i.length / 2)), "truncated");
        byte[] zero = i.clone();
        ByteBuffer.wrap(zero).order(ByteOrder.LITTLE_ENDIAN).putShort(22, (short) 0);
        BadInputTest.failure(file("zero-ch-ima.wav", zero), "zero channels");
        byte[] align = i.clone();
        ByteBuffer.wrap(align).order(ByteOrder.LITTLE_ENDIAN).putShort(32, (short) 3);
        BadInputTest.failure(file("align-ima.wav", align), "block align 3");
        byte[] spb = m.clone();
        ByteBuffer.wrap(spb).order(ByteOrder.LITTLE_ENDIAN).putShort(20 + 18, (short) 7);
        BadInputTest.failure(file("spb-ms.wav", spb), "7 samples per block");
        byte[] predictor = m.clone();
        int data = SoxFormatsTest.indexOf(m, "data") + 8;
        predictor[data + 2 * 256 * 2] = 9; // the second block's first predictor index: the table has 7
        BadInputTest.failure(file("pred-ms.wav", predictor), "corrupt WAV data", "predictor 9");
    }

    /** A PCM WAV with 300 channels is held to the same channel bound as every other format (256). */
    @Test
    void wavChannelCountIsBoundedLikeEveryFormat() throws Exception {
        TestWav w = new TestWav();
        w.channels = 300;
        BadInputTest.failure(file("many.wav", w.build(new double[300 * 10])), "unsupported", "300 channels", "at most 256");
        w.channels = 256;
        try (AudioReader r = AudioReader.open(file("most.wav", w.build(new double[256 * 10])))) {
            assertEquals(10, r.info().frames());
        }
    }

    @Test
    void damagedFilesNeverHangOrThrowAnythingElse() throws Exception {
        byte[][] goods = {
            Files.readAllBytes(SoxFormatsTest.make(dir, "fz.au", 8000, 2, "-e", "u-law")),
            Files.readAllBytes(SoxFormatsTest.make(dir, "fz.aiff", 8000, 2, "-b", "16")),
            Files.readAllBytes(SoxFormatsTest.make(dir, "fz.aifc", 8000, 1, "-e", "floating-point", "-b", "32")),
            Files.readAllBytes(SoxFormatsTest.make(dir, "fz-ima.wav", 8000, 2, "-e", "ima-adpcm")),
            Files.readAllBytes(SoxFormatsTest.make(dir, "fz-ms.wav", 8000, 2, "-e", "ms-adpcm")),
            Files.readAllBytes(SoxFormatsTest.make(dir, "fz-a.wav", 8000, 1, "-e", "a-law")),
        };
        Random rnd = new Random(16);
        for (int g = 0; g < goods.length; g++) {
            Set<String> outcomes = new HashSet<>();
            for (int t = 0; t < 40; t++) {
                byte[] b = goods[g].clone();
                if (t % 2 == 0) {
                    b = Arrays.copyOf(b, 1 + rnd.nextInt(b.length - 1));
                } else {
                    for (int f = 0; f < 1 + rnd.nextInt(8); f++) {
                        b[rnd.nextInt(Math.min(80, b.length))] = (byte) rnd.nextInt(256);
                    }
                }
                Path p = file("fz" + g + "-" + t, b);
                outcomes.add(assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
                    try {
                        for (float v : AudioFiles.readMono16k(p)) {
                            assertTrue(v >= -1f && v <= 1f, "sample out of range: " + v);
                        }
                        return "ok";
                    } catch (BadInputException e) {
                        assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
                        assertFalse(e.getMessage().contains("\n"), e.getMessage());
                        return "bad";
                    }
                }));
            }
            assertTrue(outcomes.contains("bad"), "file " + g + ": no damage was ever detected");
        }
    }
}
