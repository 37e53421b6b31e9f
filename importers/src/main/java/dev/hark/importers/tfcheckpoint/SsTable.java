package dev.hark.importers.tfcheckpoint;

import dev.hark.errors.BadInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A LevelDB-format table (TensorFlow's {@code core/lib/io/table}) held in memory: the 48-byte footer
 * (metaindex and index block handles, magic {@code 0xdb4775248b80fb57}), the index block, whose values are
 * the handles of the data blocks, and the data blocks. Every block is followed by a one-byte compression type
 * and the masked CRC32C of block and type, which is checked. Keys are prefix-compressed (shared length,
 * unshared length, value length as varints); only uncompressed blocks are read (TensorFlow writes V1
 * checkpoints uncompressed). Any inconsistency raises a {@link BadInputException} naming the file.
 */
public final class SsTable {
    public static final long MAGIC = 0xdb4775248b80fb57L;
    static final int FOOTER_BYTES = 48;
    static final int BLOCK_TRAILER_BYTES = 5;
    private static final int MASK_DELTA = 0xa282ead8;

    /**
     * One entry: its full key, the position of its value in the file, the offset of its data block and how
     * many leading key bytes it shared with the entry before it.
     */
    public record Entry(byte[] key, int valueOffset, int valueLength, int blockOffset, int sharedKeyBytes) {
        public String keyText() {
            return new String(key, StandardCharsets.ISO_8859_1);
        }
    }

    private final String source;
    private final ByteBuffer file;

    private SsTable(String source, ByteBuffer file) {
        this.source = source;
        this.file = file.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Whether {@code file} ends with the table magic (the test that a file is a table at all). */
    public static boolean hasMagic(ByteBuffer file) {
        return file.limit() >= FOOTER_BYTES
                && file.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(file.limit() - 8) == MAGIC;
    }

    /** The entries of every data block, in file order; {@code source} names the file in messages. */
    public static List<Entry> entries(String source, ByteBuffer file) {
        return new SsTable(source, file).readAll();
    }

    /** The bytes of an entry's value (a view, not a copy). */
    public static ByteBuffer value(ByteBuffer file, Entry e) {
        return file.duplicate().position(e.valueOffset()).limit(e.valueOffset() + e.valueLength()).slice();
    }

    private List<Entry> readAll() {
        int size = file.limit();
        if (size < FOOTER_BYTES) {
            throw bad("too short for a table (" + size + " bytes, the footer alone is " + FOOTER_BYTES + ")");
        }
        if (file.getLong(size - 8) != MAGIC) {
            throw bad("no table magic at the end of the file (truncated, or not a TensorFlow V1 checkpoint)");
        }
        Cursor footer = new Cursor(size - FOOTER_BYTES, size - 8, "footer");
        footer.handle(); // metaindex: TensorFlow's checkpoints keep nothing there
        long[] index = footer.handle();
        List<Entry> out = new ArrayList<>();
        for (Entry ie : block(index, "index block")) {
            Cursor h = new Cursor(ie.valueOffset(), ie.valueOffset() + ie.valueLength(), "index entry");
            long[] handle = h.handle();
            if (h.pos != h.end) {
                throw bad("index entry holds " + (h.end - h.pos) + " bytes after its block handle");
            }
            out.addAll(block(handle, "data block at offset " + handle[0]));
        }
        return out;
    }

    /** The entries of the block at {@code handle} ({offset, size}), after checking its trailer. */
    private List<Entry> block(long[] handle, String what) {
        long offset = handle[0];
        long length = handle[1];
        long dataEnd = file.limit() - FOOTER_BYTES;
        if (offset < 0 || length < 4 || offset + length + BLOCK_TRAILER_BYTES > dataEnd) {
            throw bad(what + ": block handle (offset " + offset + ", size " + length + ") lies outside the "
                    + dataEnd + " bytes before the footer");
        }
        int start = (int) offset;
        int end = (int) (offset + length);
        int type = file.get(end) & 0xff;
        if (type != 0) {
            throw bad(what + ": compressed block (type " + type + (type == 1 ? ", Snappy" : "")
                    + "); Hark reads uncompressed tables only, as TensorFlow writes V1 checkpoints");
        }
        CRC32C crc = new CRC32C();
        crc.update(file.duplicate().position(start).limit(end + 1));
        int actual = mask((int) crc.getValue());
        int stored = file.getInt(end + 1);
        if (actual != stored) {
            throw bad(what + ": CRC32C mismatch (stored " + Integer.toHexString(stored) + ", computed "
                    + Integer.toHexString(actual) + "): the file is damaged");
        }
        int restarts = file.getInt(end - 4);
        long restartBytes = 4L * restarts + 4;
        if (restarts < 1 || restartBytes > length) {
            throw bad(what + ": " + restarts + " restart points do not fit in a block of " + length + " bytes");
        }
        int entriesEnd = (int) (end - restartBytes);
        List<Entry> out = new ArrayList<>();
        byte[] key = new byte[0];
        Cursor c = new Cursor(start, entriesEnd, what);
        while (c.pos < entriesEnd) {
            long shared = c.varint();
            long unshared = c.varint();
            long valueLength = c.varint();
            if (shared > key.length) {
                throw bad(what + ": an entry shares " + shared + " key bytes with a previous key of " + key.length);
            }
            if (unshared + valueLength > entriesEnd - c.pos) {
                throw bad(what + ": an entry of " + (unshared + valueLength) + " bytes runs past the block's end");
            }
            byte[] k = new byte[(int) (shared + unshared)];
            System.arraycopy(key, 0, k, 0, (int) shared);
            file.get(c.pos, k, (int) shared, (int) unshared);
            c.pos += (int) unshared;
            out.add(new Entry(k, c.pos, (int) valueLength, start, (int) shared));
            c.pos += (int) valueLength;
            key = k;
        }
        return out;
    }

    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    private BadInputException bad(String problem) {
        return new BadInputException(source + ": " + problem);
    }

    /** Reads varints within [pos, end). */
    private final class Cursor {
        int pos;
        final int end;
        final String what;

        Cursor(int pos, int end, String what) {
            this.pos = pos;
            this.end = end;
            this.what = what;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw bad(what + ": a varint runs past its end");
                }
                int b = file.get(pos++) & 0xff;
                v |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    if (v < 0 || v > Integer.MAX_VALUE) {
                        throw bad(what + ": value " + Long.toUnsignedString(v) + " is beyond any offset in the file");
                    }
                    return v;
                }
            }
            throw bad(what + ": a varint longer than 10 bytes");
        }

        long[] handle() {
            return new long[] {varint(), varint()};
        }
    }
}
