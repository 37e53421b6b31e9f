package dev.hark.importers.tfcheckpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Finds and re-checksums the blocks of a V1 checkpoint's table, so that fuzzers (the importers' property test,
 * {@code hark-bench fuzz}) can damage a file past its CRCs. For files known to be valid (the seeds): it checks nothing.
 */
public final class TfCheckpointTables {
    private TfCheckpointTables() {
    }

    /** {offset, size} of every data block, from the index block that the footer points at. */
    public static List<int[]> dataBlocks(byte[] b) {
        int[] pos = {b.length - SsTable.FOOTER_BYTES};
        varint(b, pos);
        varint(b, pos);
        int indexOffset = varint(b, pos);
        int indexSize = varint(b, pos);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int restarts = bb.getInt(indexOffset + indexSize - 4);
        int entriesEnd = indexOffset + indexSize - 4 - 4 * restarts;
        List<int[]> out = new ArrayList<>();
        int[] q = {indexOffset};
        while (q[0] < entriesEnd) {
            varint(b, q); // shared key bytes
            int unshared = varint(b, q);
            varint(b, q); // value length
            q[0] += unshared;
            out.add(new int[] {varint(b, q), varint(b, q)});
        }
        return out;
    }

    /** Recomputes the masked CRC32C of a block after its bytes or its type byte were changed. */
    public static void reseal(byte[] b, int offset, int size) {
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
