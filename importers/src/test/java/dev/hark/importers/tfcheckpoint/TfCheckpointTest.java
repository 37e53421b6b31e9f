package dev.hark.importers.tfcheckpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.BadInputException;
import dev.hark.importers.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The V1 checkpoint reader against files written by TensorFlow itself and the VGGish fixture: every variable
 * with the dtype, shape, sum and first values an independent reader found ({@code *.expected.tsv}).
 */
class TfCheckpointTest {
    @TempDir
    Path tmp;

    @Test
    void tensorFlowWrittenSmallCheckpointMatchesItsListing() throws IOException {
        checkAgainstListing("tf_written_v1_small");
    }

    @Test
    void tensorFlowWritten1MbCheckpointMatchesItsListing() throws IOException {
        checkAgainstListing("tf_written_v1_1mb");
    }

    @Test
    void vggishFixtureMatchesItsListing() throws IOException {
        checkAgainstListing("vggish_mini_random");
    }

    private static void checkAgainstListing(String stem) throws IOException {
        Path dir = Fixtures.vggishTesting();
        Map<String, TfCheckpoint.Variable> vars = TfCheckpoint.read(dir.resolve(stem + ".ckpt"));
        List<String> lines = Files.readAllLines(dir.resolve(stem + ".expected.tsv"));
        assertEquals(lines.size(), vars.size(), stem + ": variables " + vars.keySet());
        for (String line : lines) {
            String[] f = line.split("\t");
            TfCheckpoint.Variable v = vars.get(f[0]);
            assertNotNull(v, stem + ": missing " + f[0]);
            assertEquals(f[1], v.dtype(), f[0]);
            assertEquals(f[2], v.shapeText(), f[0]);
            double sum = 0;
            double abs = 0;
            for (float x : v.values()) {
                sum += x;
                abs += Math.abs(x);
            }
            double want = Double.parseDouble(f[3].substring("sum ".length()));
            // the listing prints 9 significant digits of a float32 or float64 sum
            assertEquals(want, sum, 1e-6 * abs + 1e-7, f[0] + " sum");
            String[] first = f[4].substring("first [".length(), f[4].length() - 1).split(", ");
            for (int i = 0; i < first.length; i++) {
                assertEquals(Float.parseFloat(first[i]), v.values()[i], 0f, f[0] + " value " + i);
            }
        }
    }

    @Test
    void tensorFlowWrittenFilesHaveSeveralDataBlocksAndSharedKeyPrefixes() throws IOException {
        List<SsTable.Entry> big = entries("tf_written_v1_1mb.ckpt");
        assertEquals("", big.get(0).keyText(), "the variable list sorts first");
        assertEquals(7, big.size(), "the list and one entry per variable");
        assertTrue(big.stream().mapToInt(SsTable.Entry::blockOffset).distinct().count() > 1, "several data blocks");
        List<SsTable.Entry> small = entries("tf_written_v1_small.ckpt");
        assertEquals(15, small.size());
        assertTrue(small.stream().anyMatch(e -> e.sharedKeyBytes() > 0), "prefix-compressed keys");
    }

    private static List<SsTable.Entry> entries(String name) throws IOException {
        byte[] b = Files.readAllBytes(Fixtures.vggishTesting().resolve(name));
        return SsTable.entries(name, ByteBuffer.wrap(b));
    }

    @Test
    void wrongMagicTruncationAndCrcMismatchAreNamed() throws IOException {
        byte[] good = Files.readAllBytes(Fixtures.vggishTesting().resolve("tf_written_v1_small.ckpt"));
        assertTrue(message(Arrays.copyOf(good, good.length - 1)).contains("no table magic"));
        assertTrue(message(Arrays.copyOf(good, 20)).contains("too short for a table"));
        byte[] flipped = good.clone();
        flipped[40] ^= 1;
        assertTrue(message(flipped).contains("CRC32C mismatch"), message(flipped));
        byte[] snappy = good.clone();
        int[] first = firstDataBlock(snappy);
        snappy[first[0] + first[1]] = 1;
        reseal(snappy, first[0], first[1]);
        assertTrue(message(snappy).contains("compressed block (type 1, Snappy)"), message(snappy));
    }

    @Test
    void blockHandleBeyondTheFileIsNamed() throws IOException {
        byte[] b = Files.readAllBytes(Fixtures.vggishTesting().resolve("tf_written_v1_small.ckpt"));
        // a footer whose index handle points a million bytes in: metaindex {0, 0}, index {1000000, 100}
        int p = b.length - SsTable.FOOTER_BYTES;
        Arrays.fill(b, p, b.length - 8, (byte) 0);
        byte[] handles = {0, 0, (byte) 0xc0, (byte) 0x84, 0x3d, 100};
        System.arraycopy(handles, 0, b, p, handles.length);
        String m = message(b);
        assertTrue(m.contains("index block: block handle (offset 1000000, size 100) lies outside"), m);
    }

    @Test
    void v2CheckpointIsRefusedWithAMessage() throws IOException {
        Path index = tmp.resolve("model.ckpt.index");
        Files.write(index, new byte[64]);
        Files.write(tmp.resolve("model.ckpt.data-00000-of-00001"), new byte[8]);
        for (Path p : List.of(index, tmp.resolve("model.ckpt"), tmp.resolve("model.ckpt.data-00000-of-00001"))) {
            BadInputException e = assertThrows(BadInputException.class, () -> TfCheckpoint.read(p));
            assertTrue(e.getMessage().contains("a TensorFlow V2 checkpoint"), e.getMessage());
        }
    }

    private String message(byte[] bytes) throws IOException {
        Path f = tmp.resolve("bad.ckpt");
        Files.write(f, bytes);
        return assertThrows(BadInputException.class, () -> TfCheckpoint.read(f)).getMessage();
    }

    /** {offset, size} of the first data block: the first index entry's handle. */
    static int[] firstDataBlock(byte[] b) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int[] pos = {b.length - SsTable.FOOTER_BYTES};
        varint(b, pos);
        varint(b, pos);
        int indexOffset = varint(b, pos);
        int[] q = {indexOffset};
        varint(b, q); // shared
        int unshared = varint(b, q);
        varint(b, q); // value length
        q[0] += unshared;
        int off = varint(b, q);
        int size = varint(b, q);
        assertTrue(bb.limit() > off + size);
        return new int[] {off, size};
    }

    /** Recomputes the masked CRC32C of a block after its bytes or type were changed. */
    static void reseal(byte[] b, int offset, int size) {
        CRC32C crc = new CRC32C();
        crc.update(b, offset, size + 1);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(offset + size + 1, SsTable.mask((int) crc.getValue()));
    }

    private static int varint(byte[] b, int[] pos) {
        int v = 0;
        for (int shift = 0;; shift += 7) {
            int x = b[pos[0]++] & 0xff;
            v |= (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
    }
}
