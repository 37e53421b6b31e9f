package dev.hark.importers.tfcheckpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.BadInputException;
import dev.hark.importers.Fixtures;
import dev.hark.importers.tfcheckpoint.proto.TfCheckpointProtos.DataType;
import dev.hark.importers.tfcheckpoint.proto.TfCheckpointProtos.SavedSlice;
import dev.hark.importers.tfcheckpoint.proto.TfCheckpointProtos.SavedSliceMeta;
import dev.hark.importers.tfcheckpoint.proto.TfCheckpointProtos.SavedTensorSliceMeta;
import dev.hark.importers.tfcheckpoint.proto.TfCheckpointProtos.SavedTensorSlices;
import dev.hark.importers.tfcheckpoint.proto.TfCheckpointProtos.TensorProto;
import dev.hark.importers.tfcheckpoint.proto.TfCheckpointProtos.TensorShapeProto;
import dev.hark.importers.tfcheckpoint.proto.TfCheckpointProtos.TensorSliceProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
        int[] first = TfCheckpointTables.dataBlocks(snappy).get(0);
        snappy[first[0] + first[1]] = 1;
        TfCheckpointTables.reseal(snappy, first[0], first[1]);
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

    /** A variable saved as two row slices is put back together; the first row block's values land first. */
    @Test
    void slicesAreAssembledIntoOneArray() {
        TensorShapeProto shape = shape(3, 2);
        byte[] meta = SavedTensorSlices.newBuilder().setMeta(SavedTensorSliceMeta.newBuilder().addTensor(
                SavedSliceMeta.newBuilder().setName("w").setShape(shape).setType(DataType.DT_FLOAT)
                        .addSlice(rows(0, 2)).addSlice(rows(2, 1)))).build().toByteArray();
        byte[] table = new TinyTable().add("", meta)
                .add("a", slice("w", rows(2, 1), 5f, 6f))
                .add("b", slice("w", rows(0, 2), 1f, 2f, 3f, 4f)).build();
        TfCheckpoint.Variable w = TfCheckpoint.read("t", ByteBuffer.wrap(table)).get("w");
        assertEquals("[3, 2]", w.shapeText());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, w.values());
        // a missing slice, an overlap and too few values are named
        byte[] gap = new TinyTable().add("", meta).add("b", slice("w", rows(0, 2), 1f, 2f, 3f, 4f)).build();
        assertTrue(bad(gap).contains("cover 4 of its 6 values"), bad(gap));
        byte[] overlap = new TinyTable().add("", meta).add("a", slice("w", rows(1, 2), 1f, 2f, 3f, 4f))
                .add("b", slice("w", rows(0, 2), 1f, 2f, 3f, 4f)).build();
        assertTrue(bad(overlap).contains("overlapping slices"), bad(overlap));
        byte[] few = new TinyTable().add("", meta).add("a", slice("w", rows(2, 1), 5f))
                .add("b", slice("w", rows(0, 2), 1f, 2f, 3f, 4f)).build();
        assertTrue(bad(few).contains("holds 1 values, its extent needs 2"), bad(few));
    }

    /** A listed shape of a billion values with four values in the file is refused before anything is allocated. */
    @Test
    void aShapeTheFileHasNoValuesForIsRefusedWithoutAllocating() {
        byte[] meta = SavedTensorSlices.newBuilder().setMeta(SavedTensorSliceMeta.newBuilder().addTensor(
                SavedSliceMeta.newBuilder().setName("huge").setShape(shape(1 << 15, 1 << 15)).setType(DataType.DT_FLOAT)
                        .addSlice(TensorSliceProto.getDefaultInstance()))).build().toByteArray();
        byte[] table = new TinyTable().add("", meta)
                .add("h", slice("huge", TensorSliceProto.getDefaultInstance(), 1f, 2f, 3f, 4f)).build();
        assertTrue(bad(table).contains("holds 4 values, its extent needs 1073741824"), bad(table));
        byte[] noList = new TinyTable().add("h", slice("huge", TensorSliceProto.getDefaultInstance(), 1f)).build();
        assertTrue(bad(noList).contains("without the variable list"), bad(noList));
    }

    /**
     * An extent's start and length near 2^62 add up past 2^63: before, the negative sum passed the bounds check and the
     * slice was taken as an empty one at the start (both cast to int: 0), so the variable read as if it were not there.
     */
    @Test
    void anExtentWhoseEndOverflowsIsRefused() {
        long huge = 1L << 62;
        TensorSliceProto wrapped = TensorSliceProto.newBuilder()
                .addExtent(TensorSliceProto.Extent.newBuilder().setStart(huge).setLength(huge))
                .addExtent(TensorSliceProto.Extent.getDefaultInstance()).build();
        byte[] meta = SavedTensorSlices.newBuilder().setMeta(SavedTensorSliceMeta.newBuilder().addTensor(
                SavedSliceMeta.newBuilder().setName("w").setShape(shape(3, 2)).setType(DataType.DT_FLOAT)
                        .addSlice(rows(0, 3)).addSlice(wrapped))).build().toByteArray();
        byte[] table = new TinyTable().add("", meta)
                .add("a", slice("w", rows(0, 3), 1f, 2f, 3f, 4f, 5f, 6f))
                .add("b", slice("w", wrapped)).build();
        String m = bad(table);
        assertTrue(m.startsWith("t: a slice of 'w' has extent start 4611686018427387904, length 4611686018427387904"), m);
    }

    private static String bad(byte[] table) {
        return assertThrows(BadInputException.class, () -> TfCheckpoint.read("t", ByteBuffer.wrap(table))).getMessage();
    }

    private static TensorShapeProto shape(int... dims) {
        TensorShapeProto.Builder b = TensorShapeProto.newBuilder();
        for (int d : dims) {
            b.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return b.build();
    }

    private static TensorSliceProto rows(int start, int length) {
        return TensorSliceProto.newBuilder()
                .addExtent(TensorSliceProto.Extent.newBuilder().setStart(start).setLength(length))
                .addExtent(TensorSliceProto.Extent.getDefaultInstance()).build();
    }

    private static byte[] slice(String name, TensorSliceProto slice, float... values) {
        TensorProto.Builder t = TensorProto.newBuilder();
        for (float v : values) {
            t.addFloatVal(v);
        }
        return SavedTensorSlices.newBuilder().setData(SavedSlice.newBuilder().setName(name).setSlice(slice).setData(t))
                .build().toByteArray();
    }

    private String message(byte[] bytes) throws IOException {
        Path f = tmp.resolve("bad.ckpt");
        Files.write(f, bytes);
        return assertThrows(BadInputException.class, () -> TfCheckpoint.read(f)).getMessage();
    }
}
