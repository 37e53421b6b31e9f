package dev.hark.importers.tfcheckpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Writes a small table in the LevelDB format (one data block, no key sharing, one restart point), for tests
 * that need checkpoints TensorFlow would not write: several slices per variable, lying shapes.
 */
final class TinyTable {
    private final List<byte[][]> entries = new ArrayList<>();

    TinyTable add(String key, byte[] value) {
        entries.add(new byte[][] {key.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), value});
        return this;
    }

    byte[] build() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        int dataSize = block(file, entries);
        List<byte[][]> index = new ArrayList<>();
        index.add(new byte[][] {new byte[] {(byte) 0xff}, handle(0, dataSize)});
        int indexOffset = file.size();
        int indexSize = block(file, index);
        ByteBuffer footer = ByteBuffer.allocate(SsTable.FOOTER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        footer.put(handle(0, 0)).put(handle(indexOffset, indexSize));
        footer.putLong(SsTable.FOOTER_BYTES - 8, SsTable.MAGIC);
        file.writeBytes(footer.array());
        return file.toByteArray();
    }

    private static int block(ByteArrayOutputStream file, List<byte[][]> kv) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[][] e : kv) {
            varint(b, 0);
            varint(b, e[0].length);
            varint(b, e[1].length);
            b.writeBytes(e[0]);
            b.writeBytes(e[1]);
        }
        b.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(1).array());
        byte[] body = b.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        crc.update(0);
        file.writeBytes(body);
        file.write(0);
        file.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(SsTable.mask((int) crc.getValue())).array());
        return body.length;
    }

    private static byte[] handle(long offset, long size) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        varint(b, offset);
        varint(b, size);
        return b.toByteArray();
    }

    private static void varint(ByteArrayOutputStream b, long v) {
        while (v >= 0x80) {
            b.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        b.write((int) v);
    }
}
