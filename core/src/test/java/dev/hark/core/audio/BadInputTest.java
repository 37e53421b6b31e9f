package dev.hark.core.audio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad file gives a one-line BadInputException naming the file and the problem, and never hangs. */
class BadInputTest {
    @TempDir
    Path dir;

    /** Opens and fully reads the file at 16 kHz; returns the message of the BadInputException it must throw. */
    static String failure(Path p, String... expectedWords) {
        BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(BadInputException.class, () -> AudioFiles.readMono16k(p)));
        String m = e.getMessage();
        assertTrue(m.startsWith(p.toString() + ": "), m);
        assertFalse(m.contains("\n") || m.contains("\r"), m);
        for (String w : expectedWords) {
            assertTrue(m.toLowerCase().contains(w.toLowerCase()), "'" + w + "' not in: " + m);
        }
        return m;
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] validWav() {
        return new TestWav().build(TestWav.sine(440, 16000, 1600, 0.5));
    }

    @Test
    void emptyFile() throws IOException {
        failure(file("empty.wav", new byte[0]), "empty");
    }

    @Test
    void truncatedWav() throws IOException {
        byte[] ok = validWav();
        failure(file("cut.wav", Arrays.copyOf(ok, ok.length / 2)), "truncated");
        failure(file("cut-in-fmt.wav", Arrays.copyOf(ok, 30)), "truncated");
        failure(file("riff-only.wav", Arrays.copyOf(ok, 8)), "truncated");
    }

    @Test
    void headerOnlyWav() throws IOException {
        byte[] ok = validWav();
        // The 44-byte header declaring 3200 bytes of data, without the data.
        failure(file("header-only.wav", Arrays.copyOf(ok, 44)), "truncated");
        // A complete header whose data chunk is empty.
        TestWav w = new TestWav();
        failure(file("no-samples.wav", w.buildRaw(new byte[0])), "no audio");
    }

    @Test
    void nonAudioText() throws IOException {
        failure(file("notes.wav", "hello, this is not a sound\n".getBytes(StandardCharsets.UTF_8)), "not an audio file",
                "text");
        failure(file("random.ogg", new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), "not an audio file");
    }

    @Test
    void wrongExtensionOnValidAudioStillWorks() throws IOException {
        Path p = file("actually-a-wav.mp3", validWav());
        try (AudioReader r = AudioReader.open(p)) {
            assertTrue(r.info().container().equals("WAV"));
        }
        assertTrue(AudioFiles.readMono16k(p).length == 1600);
    }

    @Test
    void zeroChannels() throws IOException {
        byte[] b = validWav();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(22, (short) 0);
        failure(file("zero-channels.wav", b), "zero channels");
    }

    @Test
    void zeroHertz() throws IOException {
        byte[] b = validWav();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 0);
        failure(file("zero-hz.wav", b), "0 Hz");
    }

    @Test
    void absurdRateAndBits() throws IOException {
        byte[] b = validWav();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 2_000_000_000);
        failure(file("fast.wav", b), "sample rate");
        byte[] c = validWav();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putShort(34, (short) 20);
        failure(file("odd-bits.wav", c), "block align");
    }

    @Test
    void fourBillionSampleDataChunk() throws IOException {
        TestWav w = new TestWav();
        w.bits = 8;
        w.dataSizeOverride = 4_000_000_000L;
        failure(file("huge.wav", w.build(new double[100])), "truncated", "4000000000");
    }

    @Test
    void nanAndInfiniteFloatSamples() throws IOException {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            for (int bits : new int[] {32, 64}) {
                TestWav w = new TestWav();
                w.formatTag = TestWav.FLOAT;
                w.bits = bits;
                double[] x = new double[20000];
                x[17000] = bad;
                String m = failure(file("nan" + bits + ".wav", w.build(x)), "NaN or infinite", "frame 17000");
                assertTrue(m.contains("1.063 s"), m);
            }
        }
    }

    @Test
    void missingFileDirectoryAndUnreadable() throws IOException {
        failure(dir.resolve("no-such.wav"), "no such file");
        failure(dir, "directory");
        Path notDir = file("plain.txt", new byte[] {1});
        failure(notDir.resolve("x.wav"), "no such file");
        Path locked = file("locked.wav", validWav());
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(locked), "running as root: permissions are not enforced");
        failure(locked, "permission denied");
    }

    @Test
    void unsupportedButRecognisedFormatsAreNamed() throws IOException {
        failure(file("x.ogg", oggPage("OpusHead")), "Opus");
        byte[] rifx = validWav();
        rifx[3] = 'X';
        failure(file("x.wav", rifx), "RIFX");
        byte[] avi = validWav();
        System.arraycopy("AVI ".getBytes(StandardCharsets.US_ASCII), 0, avi, 8, 4);
        failure(file("x.avi", avi), "AVI");
    }

    /** A first Ogg page whose packet starts with the given bytes. */
    private static byte[] oggPage(String packetStart) {
        byte[] body = Arrays.copyOf(packetStart.getBytes(StandardCharsets.US_ASCII), 19);
        ByteBuffer b = ByteBuffer.allocate(28 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 2).putLong(0).putInt(1).putInt(0)
                .putInt(0).put((byte) 1).put((byte) body.length).put(body);
        return b.array();
    }
}
