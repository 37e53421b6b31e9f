package dev.hark.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hark.errors.BadInputException;
import dev.hark.testkit.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {
    @TempDir
    Path dir;

    private static float[][] randomRows(int rows, int cols, long seed) {
        Random r = new Random(seed);
        float[][] a = new float[rows][cols];
        for (float[] row : a) {
            for (int c = 0; c < cols; c++) {
                row[c] = (float) r.nextGaussian() * 10;
            }
        }
        return a;
    }

    @Test
    void roundTrip2d() {
        float[][] a = randomRows(37, 64, 1);
        a[3][5] = Float.NaN;
        a[4][6] = Float.NEGATIVE_INFINITY;
        a[5][7] = -0.0f;
        Path f = dir.resolve("a.npy");
        Npy.write(f, a);
        NpyArray back = Npy.read(f);
        assertEquals("<f4", back.dtype());
        assertArrayEquals(new int[] {37, 64}, back.shape());
        assertNotNull(back.floats());
        assertNull(back.doubles());
        float[][] b = back.toFloat2d();
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < 64; c++) {
                assertEquals(Float.floatToRawIntBits(a[r][c]), Float.floatToRawIntBits(b[r][c]), r + "," + c);
            }
        }
    }

    @Test
    void headerIsVersion1AlignedTo64() throws IOException {
        Path f = dir.resolve("h.npy");
        Npy.write(f, randomRows(3, 2, 2));
        byte[] bytes = Files.readAllBytes(f);
        assertEquals((byte) 0x93, bytes[0]);
        assertEquals("NUMPY", new String(bytes, 1, 5, StandardCharsets.US_ASCII));
        assertEquals(1, bytes[6]);
        assertEquals(0, bytes[7]);
        int headerLen = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLen) % 64);
        String header = new String(bytes, 10, headerLen, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }"), header);
        assertTrue(header.endsWith("\n"));
        assertEquals(10 + headerLen + 3 * 2 * 4, bytes.length);
    }

    @Test
    void roundTrip3dAnd1d() {
        float[][][] a = new float[4][][];
        for (int i = 0; i < 4; i++) {
            a[i] = randomRows(96, 64, 10 + i);
        }
        Path f = dir.resolve("p.npy");
        Npy.write(f, a);
        NpyArray back = Npy.read(f);
        assertArrayEquals(new int[] {4, 96, 64}, back.shape());
        assertEquals(a[2][95][63], back.floats()[2 * 96 * 64 + 95 * 64 + 63]);
        assertEquals(a[0][1][0], back.floats()[64]);

        Path g = dir.resolve("v.npy");
        Npy.write(g, new int[] {3}, new float[] {1, 2, 3});
        NpyArray v = Npy.read(g);
        assertArrayEquals(new int[] {3}, v.shape());
        assertArrayEquals(new float[] {1, 2, 3}, v.floats());
    }

    @Test
    void streamingWriterFixesTheShapeAtCommit() {
        Path f = dir.resolve("s.npy");
        float[][] a = randomRows(20_000, 64, 3); // larger than the write buffer
        try (NpyStreamWriter w = Npy.openRowWriter(f, 64)) {
            for (float[] row : a) {
                w.writeRow(row);
                assertFalse(Files.exists(f), "target must not appear before commit");
            }
            assertEquals(20_000, w.rows());
            w.commit();
        }
        NpyArray back = Npy.read(f);
        assertArrayEquals(new int[] {20_000, 64}, back.shape());
        assertArrayEquals(a[19_999], back.toFloat2d()[19_999]);
        assertNoTempFiles();
    }

    @Test
    void writtenFilesGetTheUsualPermissionsNotOwnerOnly() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path f = dir.resolve("perm.npy");
        Npy.write(f, randomRows(1, 1, 5));
        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "x"); // created the ordinary way: honours the umask
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f));
    }

    @Test
    void streamingWriterWithZeroRows() {
        Path f = dir.resolve("empty.npy");
        try (NpyStreamWriter w = Npy.openRowWriter(f, 64)) {
            w.commit();
        }
        NpyArray back = Npy.read(f);
        assertArrayEquals(new int[] {0, 64}, back.shape());
        assertEquals(0, back.size());
    }

    @Test
    void closingWithoutCommitLeavesTheOldFileAndNoTemporary() throws IOException {
        Path f = dir.resolve("keep.npy");
        Npy.write(f, randomRows(2, 2, 4));
        byte[] before = Files.readAllBytes(f);
        try (NpyStreamWriter w = Npy.openRowWriter(f, 2)) {
            w.writeRow(new float[] {9, 9});
            // no commit: as if the producer failed
        }
        assertArrayEquals(before, Files.readAllBytes(f));
        assertNoTempFiles();
        // a ragged array fails and leaves nothing behind either
        Path g = dir.resolve("ragged.npy");
        assertThrows(IllegalArgumentException.class, () -> Npy.write(g, new float[][] {{1, 2}, {3}}));
        assertFalse(Files.exists(g));
        assertNoTempFiles();
    }

    private void assertNoTempFiles() {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> tmp = s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertTrue(tmp.isEmpty(), "temporary files left: " + tmp);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void unwritableTargetsAreBadInput() {
        BadInputException e1 = assertThrows(BadInputException.class,
                () -> Npy.write(dir.resolve("no/such/dir/x.npy"), new float[][] {{1}}));
        assertTrue(e1.getMessage().contains("does not exist"), e1.getMessage());
        BadInputException e2 = assertThrows(BadInputException.class, () -> Npy.write(dir, new float[][] {{1}}));
        assertTrue(e2.getMessage().contains("is a directory"), e2.getMessage());
    }

    @Test
    void numpyReadsWhatWeWrite() throws Exception {
        Tools.assumePythonWithNumpy();

        float[][] a = randomRows(5, 64, 9);
        Path f2 = dir.resolve("two.npy");
        Npy.write(f2, a);
        Path fs = dir.resolve("streamed.npy");
        try (NpyStreamWriter w = Npy.openRowWriter(fs, 64)) {
            w.writeRows(a);
            w.commit();
        }
        Path f3 = dir.resolve("three.npy");
        Npy.write(f3, new float[][][] {a, a});
        String script = String.join("\n",
                "import sys, numpy as np",
                "for p in sys.argv[1:]:",
                "    x = np.load(p, allow_pickle=False)",
                "    print(x.dtype.str, x.shape, repr(float(x.reshape(-1)[-1])), repr(float(x.sum(dtype=np.float64))))");
        Process p = new ProcessBuilder("python3", "-c", script, f2.toString(), fs.toString(), f3.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), out);
        String[] lines = out.strip().split("\n");
        assertEquals(3, lines.length, out);
        double sum = 0;
        for (float[] row : a) {
            for (float v : row) {
                sum += v;
            }
        }
        String last = Double.toString(a[4][63]);
        assertTrue(lines[0].startsWith("<f4 (5, 64) "), lines[0]);
        assertTrue(lines[1].startsWith("<f4 (5, 64) "), lines[1]);
        assertTrue(lines[2].startsWith("<f4 (2, 5, 64) "), lines[2]);
        for (String line : lines) {
            String[] parts = line.split("\\) ")[1].split(" ");
            assertEquals(a[4][63], Double.parseDouble(parts[0]), 0.0, line + " vs " + last);
        }
        assertEquals(sum, Double.parseDouble(lines[0].split("\\) ")[1].split(" ")[1]), 1e-6 * Math.abs(sum) + 1e-9);
    }
}
