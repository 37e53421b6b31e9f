package dev.hark.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hark.errors.BadInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WavReadingTest {
    @TempDir
    Path dir;

    private static float[] read(Path p) {
        try (AudioReader r = AudioReader.open(p)) {
            return TestWav.readAll(r, 1000);
        }
    }

    @Test
    void everySixteenBitValueDecodesExactly() {
        double[] all = new double[65536];
        for (int i = 0; i < all.length; i++) {
            all[i] = (i - 32768) / 32768.0;
        }
        Path p = new TestWav().write(dir.resolve("all16.wav"), all);
        float[] got = read(p);
        assertEquals(65536, got.length);
        for (int i = 0; i < all.length; i++) {
            assertEquals((float) ((i - 32768) / 32768.0), got[i], 0f, "value " + (i - 32768));
        }
    }

    @Test
    void everyEightBitValueDecodesExactly() {
        TestWav w = new TestWav();
        w.bits = 8;
        double[] all = new double[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (i - 128) / 128.0;
        }
        float[] got = read(w.write(dir.resolve("all8.wav"), all));
        for (int i = 0; i < 256; i++) {
            assertEquals((i - 128) / 128f, got[i], 0f);
        }
        try (AudioReader r = AudioReader.open(dir.resolve("all8.wav"))) {
            assertEquals("PCM_UNSIGNED", r.info().encoding());
            assertEquals(8, r.info().bitsPerSample());
        }
    }

    @ParameterizedTest(name = "{0}-bit tag {1} extensible={2} channels={3} rate={4}")
    @CsvSource({
        "16, 1, false, 1, 16000, PCM_SIGNED",
        "24, 1, false, 1, 44100, PCM_SIGNED",
        "32, 1, false, 1, 48000, PCM_SIGNED",
        "32, 3, false, 1, 22050, PCM_FLOAT",
        "64, 3, false, 1, 16000, PCM_FLOAT",
        "16, 1, true, 2, 44100, PCM_SIGNED",
        "24, 1, true, 2, 96000, PCM_SIGNED",
        "32, 3, true, 2, 48000, PCM_FLOAT",
        "16, 1, false, 6, 8000, PCM_SIGNED",
        "24, 1, false, 1, 192000, PCM_SIGNED",
    })
    void variantsDecodeToTheSameSignal(int bits, int tag, boolean extensible, int channels, int rate, String encoding) {
        TestWav w = new TestWav();
        w.bits = bits;
        w.formatTag = tag;
        w.extensible = extensible;
        w.channels = channels;
        w.rateHz = rate;
        w.listChunkBefore = true;
        w.oddChunkAfter = true;
        int frames = 3001; // odd, so 8/24-bit data chunks need a pad byte
        double[] mono = TestWav.sine(440, rate, frames, 0.7);
        double[] inter = new double[frames * channels];
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                inter[i * channels + c] = mono[i];
            }
        }
        Path p = w.write(dir.resolve("v.wav"), inter);
        try (AudioReader r = AudioReader.open(p)) {
            AudioFileInfo info = r.info();
            assertEquals("WAV", info.container());
            assertEquals(encoding, info.encoding());
            assertEquals(rate, info.sampleRateHz());
            assertEquals(channels, info.channels());
            assertEquals(bits, info.bitsPerSample());
            assertEquals(frames, info.frames());
            assertEquals(frames / (double) rate, info.durationSeconds(), 1e-12);
            float[] got = TestWav.readAll(r, 777);
            assertEquals(frames, got.length);
            double tol = bits == 16 ? 1.0 / 32768 : 1e-6;
            for (int i = 0; i < frames; i++) {
                assertEquals(mono[i], got[i], tol, "frame " + i);
            }
        }
    }

    @Test
    void stereoChannelsAreAveraged() {
        TestWav w = new TestWav();
        w.channels = 2;
        double[] inter = {0.5, -0.25, 0.75, 0.25, -1.0, -1.0, 0.25, 0.75};
        float[] got = read(w.write(dir.resolve("st.wav"), inter));
        assertArrayEquals(new float[] {0.125f, 0.5f, -1.0f, 0.5f}, got, 0f);
    }

    @Test
    void floatSamplesBeyondFullScaleAreClamped() {
        TestWav w = new TestWav();
        w.formatTag = TestWav.FLOAT;
        w.bits = 32;
        float[] got = read(w.write(dir.resolve("loud.wav"), new double[] {1.5, -2.0, 0.25}));
        assertArrayEquals(new float[] {1f, -1f, 0.25f}, got, 0f);
    }

    @Test
    void chunkOrderWithDataBeforeFmtIsAccepted() throws Exception {
        // RIFF, data, fmt: legal, rare.
        byte[] data = {0, 0x40, 0, (byte) 0xC0};
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        o.write("RIFF".getBytes());
        o.write(TestWav.le32(4 + 8 + 4 + 8 + 16));
        o.write("WAVE".getBytes());
        o.write("data".getBytes());
        o.write(TestWav.le32(4));
        o.write(data);
        o.write("fmt ".getBytes());
        o.write(TestWav.le32(16));
        o.write(new byte[] {1, 0, 1, 0, (byte) 0x80, 0x3e, 0, 0, 0, 0x7d, 0, 0, 2, 0, 16, 0});
        Path p = java.nio.file.Files.write(dir.resolve("order.wav"), o.toByteArray());
        assertArrayEquals(new float[] {0.5f, -0.5f}, read(p), 0f);
    }

    @Test
    void writerRoundTripsPcm16AndFloat32() {
        float[] x = new float[1001];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.01) * 0.9f;
        }
        Path f = dir.resolve("f.wav");
        WavWriter.writeFloat32(f, x, 16000);
        assertArrayEquals(x, read(f), 0f);
        Path s = dir.resolve("s.wav");
        WavWriter.writePcm16(s, x, 22050);
        float[] back = read(s);
        assertEquals(x.length, back.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Math.round(x[i] * 32768.0) / 32768f, back[i], 0f);
        }
        try (AudioReader r = AudioReader.open(s)) {
            assertEquals(22050, r.info().sampleRateHz());
        }
        // overwriting leaves no temporary files behind
        WavWriter.writePcm16(s, new float[] {0.5f}, 16000);
        assertArrayEquals(new float[] {0.5f}, read(s), 0f);
        assertEquals(2, dir.toFile().list().length);
    }

    @Test
    void eightAndHundredNinetyTwoKilohertzResampleToSixteen() {
        for (int rate : new int[] {8000, 192000}) {
            TestWav w = new TestWav();
            w.rateHz = rate;
            w.bits = 24;
            Path p = w.write(dir.resolve("r" + rate + ".wav"), TestWav.sine(1000, rate, rate, 0.5));
            float[] x = AudioFiles.readMono16k(p);
            assertEquals(16000, x.length, "1 s at " + rate + " Hz");
            double rms = ResamplerTest.rms(x, 2000, 14000);
            assertEquals(0.5 / Math.sqrt(2), rms, 0.5 / Math.sqrt(2) * 0.0116, "level of 1 kHz after " + rate + " Hz");
            try (Mono16kStream s = AudioFiles.open16k(p)) {
                assertEquals(rate, s.info().sampleRateHz());
                float[] again = new float[x.length];
                int len = 0;
                int n;
                while ((n = s.read(again, len, Math.min(333, again.length - len))) > 0) {
                    len += n;
                }
                assertEquals(x.length, len);
                assertArrayEquals(x, again, 0f);
            }
        }
    }

    @Test
    void rf64WithItsSizesInTheDs64Chunk() throws Exception {
        byte[] riff = new TestWav().build(new double[] {0.25, -0.5, 0.75});
        // RIFF -> RF64, a ds64 chunk after WAVE, and 0xFFFFFFFF in the data chunk's 32-bit size.
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        o.write("RF64".getBytes());
        o.write(TestWav.le32(0xFFFFFFFFL));
        o.write("WAVE".getBytes());
        o.write("ds64".getBytes());
        java.nio.ByteBuffer ds = java.nio.ByteBuffer.allocate(28).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        ds.putLong(riff.length - 8 + 36).putLong(6).putLong(3).putInt(0);
        o.write(TestWav.le32(28));
        o.write(ds.array());
        byte[] rest = java.util.Arrays.copyOfRange(riff, 12, riff.length);
        java.nio.ByteBuffer.wrap(rest).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(24 + 4, 0xFFFFFFFF);
        o.write(rest);
        Path p = java.nio.file.Files.write(dir.resolve("big.wav"), o.toByteArray());
        assertArrayEquals(new float[] {0.25f, -0.5f, 0.75f}, read(p), 0f);
    }

    /** RF64 with the data chunk before fmt: a ds64 data size up to 2^63-1 must not overflow the chunk walk. */
    private Path rf64DataFirst(String name, long ds64DataSize) throws Exception {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12 + 36 + 8 + 4 + 24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RF64".getBytes()).putInt(-1).put("WAVE".getBytes());
        b.put("ds64".getBytes()).putInt(28).putLong(b.capacity() - 8).putLong(ds64DataSize).putLong(1).putInt(0);
        b.put("data".getBytes()).putInt(-1).putShort((short) 100).putShort((short) -100);
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(8000).putInt(32000)
                .putShort((short) 4).putShort((short) 16);
        return java.nio.file.Files.write(dir.resolve(name), b.array());
    }

    @Test
    void rf64WithDataBeforeFmtAndAnAbsurdDs64SizeIsABadFileNotAnOverflow() throws Exception {
        Path ok = rf64DataFirst("ok.wav", 4);
        assertArrayEquals(new float[] {0f}, read(ok), 1e-6f);
        for (long size : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 40, 1L << 40, 5}) {
            Path p = rf64DataFirst("huge.wav", size);
            BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class, () -> read(p));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
        }
        Path negative = rf64DataFirst("negative.wav", -1);
        BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class, () -> read(negative));
        assertEquals(negative + ": corrupt RF64 header: ds64 data size 18446744073709551615 bytes is beyond any file",
                e.getMessage());
    }
}
