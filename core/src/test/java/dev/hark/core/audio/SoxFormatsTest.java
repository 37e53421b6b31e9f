package dev.hark.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AU, AIFF, AIFF-C and WAV's G.711 and ADPCM codings, made by sox and compared sample by sample with sox's own
 * decoding of the same file (to raw 32-bit float, channels averaged here in double precision).
 */
class SoxFormatsTest {
    @TempDir
    static Path dir;

    /** A 1.3 s sweep (100 Hz to 5 kHz) with noise, so every code and step size is exercised; deterministic (-R). */
    static Path make(String name, int rateHz, int channels, String... format) throws Exception {
        return make(dir, name, rateHz, channels, format);
    }

    static Path make(Path in, String name, int rateHz, int channels, String... format) throws Exception {
        Path p = in.resolve(name);
        List<String> args = new ArrayList<>(List.of("-R", "-n", "-r", "" + rateHz, "-c", "" + channels));
        args.addAll(Arrays.asList(format));
        args.addAll(List.of(p.toString(), "synth", "1.3", "sine", "100-5000", "synth", "whitenoise", "mix", "vol", "0.8"));
        CodecTest.sox(args.toArray(new String[0]));
        return p;
    }

    /** sox's decoding of {@code p}: 32-bit float, averaged to mono in double precision. */
    static float[] soxMono(Path p, int channels) throws Exception {
        Path raw = dir.resolve(p.getFileName() + ".f32");
        CodecTest.sox(p.toString(), "-t", "f32", "-e", "floating-point", raw.toString());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        float[] all = new float[b.remaining() / 4];
        b.asFloatBuffer().get(all);
        float[] mono = new float[all.length / channels];
        for (int i = 0; i < mono.length; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += all[i * channels + c];
            }
            mono[i] = (float) (sum / channels);
        }
        return mono;
    }

    /** Decodes {@code p} and returns the largest difference to sox's decoding; checks the header against it. */
    static double maxDiffToSox(Path p, int rateHz, int channels, String container, String encoding, int bits)
            throws Exception {
        return maxDiffToSox(p, rateHz, channels, container, encoding, bits, 0);
    }

    /**
     * As above; {@code soxPadding} more than 0 allows sox's decoding to run on by up to that many frames: sox
     * decodes an ADPCM file's last block whole, past the length its own fact chunk gives, which Hark keeps to.
     */
    static double maxDiffToSox(Path p, int rateHz, int channels, String container, String encoding, int bits,
            int soxPadding) throws Exception {
        float[] want = soxMono(p, channels);
        if (soxPadding > 0) {
            try (AudioReader r = AudioReader.open(p)) {
                long frames = r.info().frames();
                assertTrue(frames <= want.length && want.length - frames < soxPadding,
                        p + ": sox " + want.length + ", header " + frames);
                want = Arrays.copyOf(want, (int) frames);
            }
        }
        try (AudioReader r = AudioReader.open(p)) {
            AudioFileInfo i = r.info();
            String what = p.getFileName().toString();
            assertEquals(container, i.container(), what);
            assertEquals(encoding, i.encoding(), what);
            assertEquals(rateHz, i.sampleRateHz(), what);
            assertEquals(channels, i.channels(), what);
            assertEquals(bits, i.bitsPerSample(), what);
            assertEquals(want.length, i.frames(), what + ": frames from the header");
            float[] got = TestWav.readAll(r, 1000);
            assertEquals(want.length, got.length, what);
            double max = 0;
            for (int k = 0; k < want.length; k++) {
                max = Math.max(max, Math.abs(want[k] - got[k]));
            }
            return max;
        }
    }

    static void assertExact(Path p, int rateHz, int channels, String container, String encoding, int bits)
            throws Exception {
        assertEquals(0.0, maxDiffToSox(p, rateHz, channels, container, encoding, bits), p.getFileName().toString());
    }

    @Test
    void auEveryEncodingMatchesSoxExactly() throws Exception {
        for (int channels : new int[] {1, 2}) {
            assertExact(make("u" + channels + ".au", 22050, channels, "-e", "u-law"), 22050, channels, "AU", "ULAW", 8);
            assertExact(make("a" + channels + ".au", 8000, channels, "-e", "a-law"), 8000, channels, "AU", "ALAW", 8);
            for (int bits : new int[] {8, 16, 24}) {
                assertExact(make("s" + bits + "-" + channels + ".au", 44100, channels, "-e", "signed", "-b", "" + bits),
                        44100, channels, "AU", "PCM_SIGNED", bits);
            }
        }
        // 32-bit samples need rounding to float: sox rounds ties up, Java to even, one float step (2^-24) apart.
        for (int channels : new int[] {1, 2}) {
            double d = maxDiffToSox(make("s32-" + channels + ".au", 44100, channels, "-e", "signed", "-b", "32"), 44100,
                    channels, "AU", "PCM_SIGNED", 32);
            assertTrue(d <= 0x1p-24, "32-bit: " + d);
        }
        // The name does not matter: .snd is the same format.
        assertExact(make("u.snd", 11025, 1, "-t", "au", "-e", "u-law"), 11025, 1, "AU", "ULAW", 8);
    }

    @Test
    void auFloatMatchesSoxWithinItsIntegerPath() throws Exception {
        // sox passes float samples through its 32-bit integer samples: they differ from the file's by up to 2^-31.
        for (int bits : new int[] {32, 64}) {
            double d = maxDiffToSox(make("f" + bits + ".au", 16000, 2, "-e", "floating-point", "-b", "" + bits),
                    16000, 2, "AU", "PCM_FLOAT", bits);
            assertTrue(d <= 1e-7, bits + "-bit float: " + d);
        }
    }

    @Test
    void aiffAndAiffcMatchSox() throws Exception {
        for (int channels : new int[] {1, 2}) {
            for (int bits : new int[] {8, 16, 24, 32}) {
                // 32-bit: one float step (2^-24) at most, as for AU above; the others exactly.
                double tolerance = bits == 32 ? 0x1p-24 : 0;
                double d = maxDiffToSox(make("p" + bits + "-" + channels + ".aiff", 48000, channels, "-b", "" + bits),
                        48000, channels, "AIFF", "PCM_SIGNED", bits);
                assertTrue(d <= tolerance, bits + "-bit AIFF: " + d);
                d = maxDiffToSox(make("p" + bits + "-" + channels + ".aifc", 32000, channels, "-b", "" + bits), 32000,
                        channels, "AIFF-C", "PCM_SIGNED", bits);
                assertTrue(d <= tolerance, bits + "-bit AIFF-C: " + d);
            }
        }
        for (int bits : new int[] {32, 64}) {
            double d = maxDiffToSox(make("f" + bits + ".aifc", 22050, 2, "-e", "floating-point", "-b", "" + bits),
                    22050, 2, "AIFF-C", "PCM_FLOAT", bits);
            assertTrue(d <= 1e-7, bits + "-bit float: " + d);
        }
        // Odd rates go through the 80-bit extended number exactly.
        assertExact(make("odd.aiff", 11127, 1, "-b", "16"), 11127, 1, "AIFF", "PCM_SIGNED", 16);
    }

    /**
     * sox writes AIFF-C only as NONE and float; sowt, ulaw and alaw files are made here from sox's own data (a 16-bit
     * AIFF-C byte-swapped, the bytes of a mu-law or A-law AU). sox reads sowt, and its decoding is the reference; it
     * cannot read ulaw/alaw AIFF-C, so its decoding of the AU the bytes came from is.
     */
    @Test
    void aiffcSowtUlawAlawMatchSox() throws Exception {
        Path twos = make("twos.aifc", 16000, 2, "-b", "16");
        byte[] b = Files.readAllBytes(twos);
        int ssnd = indexOf(b, "SSND") + 16;
        int comm = indexOf(b, "COMM") + 8;
        byte[] sowt = b.clone();
        for (int i = ssnd; i + 1 < sowt.length; i += 2) {
            sowt[i] = b[i + 1];
            sowt[i + 1] = b[i];
        }
        System.arraycopy("sowt".getBytes(StandardCharsets.US_ASCII), 0, sowt, comm + 18, 4);
        Path sowtFile = Files.write(dir.resolve("sowt.aifc"), sowt);
        assertExact(sowtFile, 16000, 2, "AIFF-C", "PCM_SIGNED", 16);
        assertEquals(0.0, maxDiffToSox(twos, 16000, 2, "AIFF-C", "PCM_SIGNED", 16));
        assertTrue(Arrays.equals(soxMono(twos, 2), soxMono(sowtFile, 2)), "sox reads the sowt file as the twos one");
        for (String law : new String[] {"ulaw", "alaw"}) {
            Path au = make(law + "-src.au", 8000, 2, "-e", law.equals("ulaw") ? "u-law" : "a-law");
            byte[] a = Files.readAllBytes(au);
            int offset = ByteBuffer.wrap(a).getInt(4);
            Path aifc = Files.write(dir.resolve(law + ".aifc"), aifc(law, 2, 8000, Arrays.copyOfRange(a, offset, a.length)));
            float[] want = soxMono(au, 2);
            try (AudioReader r = AudioReader.open(aifc)) {
                assertEquals("AIFF-C", r.info().container());
                assertEquals(law.equals("ulaw") ? "ULAW" : "ALAW", r.info().encoding());
                assertEquals(8000, r.info().sampleRateHz());
                assertEquals(want.length, r.info().frames());
                assertTrue(Arrays.equals(want, TestWav.readAll(r, 777)), law + " AIFF-C against sox's decoding of the AU");
            }
        }
    }

    @Test
    void wavMuLawAndALawMatchSoxExactly() throws Exception {
        for (int channels : new int[] {1, 2}) {
            assertExact(make("u" + channels + ".wav", 8000, channels, "-e", "u-law"), 8000, channels, "WAV", "ULAW", 8);
            assertExact(make("a" + channels + ".wav", 22050, channels, "-e", "a-law"), 22050, channels, "WAV", "ALAW", 8);
        }
    }

    @Test
    void wavAdpcmMatchesSoxsDecoder() throws Exception {
        // Both decoders compute the same integer recurrences, so they agree exactly (measured: 0 for every file) over
        // the length of the fact chunk; sox decodes the last block's padding too (less than a block more).
        for (int channels : new int[] {1, 2}) {
            for (int rate : new int[] {8000, 22050, 44100}) {
                Path ima = make("ima" + rate + "-" + channels + ".wav", rate, channels, "-e", "ima-adpcm");
                assertEquals(0.0, maxDiffToSox(ima, rate, channels, "WAV", "IMA_ADPCM", 4, 2048), ima.toString());
                Path ms = make("ms" + rate + "-" + channels + ".wav", rate, channels, "-e", "ms-adpcm");
                assertEquals(0.0, maxDiffToSox(ms, rate, channels, "WAV", "MS_ADPCM", 4, 2048), ms.toString());
                try (AudioReader r = AudioReader.open(ms)) {
                    assertEquals(Math.round(1.3 * rate), r.info().frames(), "the fact chunk's length");
                }
            }
        }
    }

    @Test
    void longFilesStreamInBlocks() throws Exception {
        // 10 minutes of mu-law at 8 kHz: read in blocks, the decoder holds at most about 1 MiB at a time.
        Path p = dir.resolve("long.au");
        CodecTest.sox("-R", "-n", "-r", "8000", "-c", "1", "-e", "u-law", p.toString(), "synth", "600", "sine", "440");
        try (AudioReader r = AudioReader.open(p)) {
            assertEquals(4_800_000, r.info().frames());
            float[] block = new float[4096];
            long n = 0;
            int k;
            while ((k = r.read(block, 0, block.length)) >= 0) {
                assertTrue(k <= block.length);
                n += k;
            }
            assertEquals(4_800_000, n);
        }
    }

    /** An AIFF-C file of one-byte-a-sample G.711 data. */
    static byte[] aifc(String compression, int channels, int rateHz, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + 12 + 8 + 24 + 16 + data.length + (data.length & 1));
        b.put("FORM".getBytes(StandardCharsets.US_ASCII)).putInt(b.capacity() - 8)
                .put("AIFC".getBytes(StandardCharsets.US_ASCII));
        b.put("FVER".getBytes(StandardCharsets.US_ASCII)).putInt(4).putInt(0xA2805140);
        b.put("COMM".getBytes(StandardCharsets.US_ASCII)).putInt(24).putShort((short) channels)
                .putInt(data.length / channels).putShort((short) 16).put(extended(rateHz))
                .put(compression.getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0);
        b.put("SSND".getBytes(StandardCharsets.US_ASCII)).putInt(8 + data.length).putInt(0).putInt(0).put(data);
        return b.array();
    }

    /** A positive integer as an 80-bit IEEE extended number. */
    static byte[] extended(long value) {
        int shift = Long.numberOfLeadingZeros(value);
        ByteBuffer b = ByteBuffer.allocate(10);
        b.putShort((short) (16383 + 63 - shift)).putLong(value << shift);
        return b.array();
    }

    static int indexOf(byte[] b, String fourcc) {
        byte[] f = fourcc.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + 4 <= b.length; i++) {
            if (b[i] == f[0] && b[i + 1] == f[1] && b[i + 2] == f[2] && b[i + 3] == f[3]) {
                return i;
            }
        }
        throw new AssertionError(fourcc + " not found");
    }

    static byte[] bytes(Path p) throws IOException {
        return Files.readAllBytes(p);
    }
}
