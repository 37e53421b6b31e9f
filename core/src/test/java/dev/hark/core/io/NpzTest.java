package dev.hark.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.BadInputException;
import dev.hark.testkit.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {
    @TempDir
    Path dir;

    @Test
    void readsStoredAndDeflatedNpz() throws IOException {
        byte[] a = NpyBytes.npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }",
                NpyBytes.le(8, Double.doubleToRawLongBits(1.5), Double.doubleToRawLongBits(-2)));
        byte[] b = NpyBytes.npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }",
                NpyBytes.le(4, Float.floatToRawIntBits(7f)));
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
        Map<String, NpyArray> inMemory = Npz.read(bytes.toByteArray(), "x.npz");
        assertEquals(List.of("alpha", "beta"), List.copyOf(inMemory.keySet()), "the same from bytes in memory");
        assertArrayEquals(new double[] {1.5, -2}, inMemory.get("alpha").doubles());
        assertEquals(Map.of(), Npz.read("not a zip at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "y.npz"));

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
}
