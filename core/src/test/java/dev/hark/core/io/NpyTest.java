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
import dev.hark.testkit.TestData;
import dev.hark.testkit.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
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
        try (Npy.RowWriter w = Npy.openRowWriter(f, 64)) {
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
        try (Npy.RowWriter w = Npy.openRowWriter(f, 64)) {
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
        try (Npy.RowWriter w = Npy.openRowWriter(f, 2)) {
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

    /** Builds a .npy file by hand: the reader must not depend on our writer. */
    private static byte[] npy(int major, String dict, byte[] data) {
        int fixed = major == 1 ? 10 : 12;
        StringBuilder h = new StringBuilder(dict);
        while ((fixed + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        ByteBuffer b = ByteBuffer.allocate(fixed + h.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) h.length());
        } else {
            b.putInt(h.length());
        }
        b.put(h.toString().getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return b.array();
    }

    private static byte[] le(int itemBytes, long... values) {
        ByteBuffer b = ByteBuffer.allocate(itemBytes * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (itemBytes) {
                case 1 -> b.put((byte) v);
                case 2 -> b.putShort((short) v);
                case 4 -> b.putInt((int) v);
                default -> b.putLong(v);
            }
        }
        return b.array();
    }

    private NpyArray readBytes(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return Npy.read(f);
    }

    @Test
    void readsIntegerAndDoubleDtypes() throws IOException {
        NpyArray i4 = readBytes("i4.npy", npy(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }",
                le(4, -7, 2_000_000_000, 0, 1)));
        assertArrayEquals(new double[] {-7, 2e9, 0, 1}, i4.doubles());
        NpyArray u1 = readBytes("u1.npy", npy(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }",
                le(1, 0, 255, 128)));
        assertArrayEquals(new double[] {0, 255, 128}, u1.doubles());
        assertArrayEquals(new int[] {3}, u1.shape());
        NpyArray u2 = readBytes("u2.npy", npy(1, "{'descr': '<u2', 'fortran_order': False, 'shape': (2,), }",
                le(2, 65535, 1)));
        assertArrayEquals(new double[] {65535, 1}, u2.doubles());
        NpyArray i8 = readBytes("i8.npy", npy(2, "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }",
                le(8, -3, 1L << 40)));
        assertArrayEquals(new double[] {-3, 0x1p40}, i8.doubles());
        NpyArray f8 = readBytes("f8.npy", npy(3, "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }",
                le(8, Double.doubleToRawLongBits(Math.PI), Double.doubleToRawLongBits(-1e300))));
        assertArrayEquals(new double[][] {{Math.PI, -1e300}}, f8.toDouble2d());
        NpyArray scalar = readBytes("s.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (), }",
                le(4, Float.floatToRawIntBits(2.5f))));
        assertEquals(0, scalar.rank());
        assertArrayEquals(new float[] {2.5f}, scalar.floats());
    }

    @Test
    void rejectsWhatItCannotRepresentWithOneLineMessages() throws IOException {
        assertRejected("fortran.npy", npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1), }",
                le(4, 0)), "Fortran");
        assertRejected("big.npy", npy(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", le(4, 0)),
                "big-endian");
        assertRejected("obj.npy", npy(1, "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", le(8, 0)),
                "object");
        assertRejected("c16.npy", npy(1, "{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }",
                le(8, 0, 0)), "unsupported dtype");
        assertRejected("trunc.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (10, 10), }",
                le(4, 1, 2, 3)), "truncated");
        assertRejected("text.npy", "hello, this is not numpy".getBytes(StandardCharsets.US_ASCII), "not a .npy");
        assertRejected("empty.npy", new byte[0], "not a .npy");
        assertRejected("huge.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }",
                le(4, 0)), "too large");
        Path missing = dir.resolve("missing.npy");
        BadInputException e = assertThrows(BadInputException.class, () -> Npy.read(missing));
        assertTrue(e.getMessage().startsWith(missing.toString()), e.getMessage());
        assertThrows(BadInputException.class, () -> Npy.read(dir));
    }

    private void assertRejected(String name, byte[] bytes, String expectedWords) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        BadInputException e = assertThrows(BadInputException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().contains(expectedWords), e.getMessage());
        assertTrue(e.getMessage().startsWith(f.toString()), "names the file: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void readsStoredAndDeflatedNpz() throws IOException {
        byte[] a = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }",
                le(8, Double.doubleToRawLongBits(1.5), Double.doubleToRawLongBits(-2)));
        byte[] b = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }",
                le(4, Float.floatToRawIntBits(7f)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry ea = new ZipEntry("alpha.npy");
            ea.setMethod(ZipEntry.DEFLATED);
            zip.putNextEntry(ea);
            zip.write(a);
            zip.closeEntry();
            ZipEntry eb = new ZipEntry("beta.npy");
            eb.setMethod(ZipEntry.STORED);
            eb.setSize(b.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(b);
            eb.setCrc(crc.getValue());
            zip.putNextEntry(eb);
            zip.write(b);
            zip.closeEntry();
        }
        Path f = dir.resolve("x.npz");
        Files.write(f, bytes.toByteArray());
        Map<String, NpyArray> m = Npy.readNpz(f);
        assertEquals(List.of("alpha", "beta"), List.copyOf(m.keySet()));
        assertArrayEquals(new double[] {1.5, -2}, m.get("alpha").doubles());
        assertArrayEquals(new float[] {7f}, m.get("beta").floats());

        Path notZip = dir.resolve("bad.npz");
        Files.writeString(notZip, "not a zip at all");
        BadInputException e = assertThrows(BadInputException.class, () -> Npy.readNpz(notZip));
        assertTrue(e.getMessage().startsWith(notZip.toString()), e.getMessage());
    }

    @Test
    void readsTheVggishPcaParameters() {
        Path npz = TestData.shared("models/vggish/vggish_pca_params.npz");
        Map<String, NpyArray> m = Npy.readNpz(npz);
        NpyArray vectors = m.get("pca_eigen_vectors");
        NpyArray means = m.get("pca_means");
        assertEquals("<f8", vectors.dtype());
        assertArrayEquals(new int[] {128, 128}, vectors.shape());
        assertArrayEquals(new int[] {128}, means.shape());
        // Independent check: the rows are (whitening-scaled) PCA eigenvectors, so mutually orthogonal.
        double[][] e = vectors.toDouble2d();
        double[] norm = new double[128];
        for (int i = 0; i < 128; i++) {
            for (int k = 0; k < 128; k++) {
                norm[i] += e[i][k] * e[i][k];
            }
            norm[i] = Math.sqrt(norm[i]);
            assertTrue(norm[i] > 0.1, "row " + i + " norm " + norm[i]);
        }
        double worst = 0;
        for (int i = 0; i < 128; i++) {
            for (int j = i + 1; j < 128; j++) {
                double dot = 0;
                for (int k = 0; k < 128; k++) {
                    dot += e[i][k] * e[j][k];
                }
                worst = Math.max(worst, Math.abs(dot) / (norm[i] * norm[j]));
            }
        }
        assertTrue(worst < 1e-5, "eigenvector rows not orthogonal: " + worst);
    }

    @Test
    void numpyReadsWhatWeWrite() throws Exception {
        Tools.assumePythonWithNumpy();

        float[][] a = randomRows(5, 64, 9);
        Path f2 = dir.resolve("two.npy");
        Npy.write(f2, a);
        Path fs = dir.resolve("streamed.npy");
        try (Npy.RowWriter w = Npy.openRowWriter(fs, 64)) {
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
