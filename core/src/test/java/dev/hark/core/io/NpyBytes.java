package dev.hark.core.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** {@code .npy} files built by hand, so that the reader's tests do not depend on our writer. */
final class NpyBytes {
    private NpyBytes() {
    }

    /** A {@code .npy} file of format version {@code major} with header dict {@code dict} and {@code data}. */
    static byte[] npy(int major, String dict, byte[] data) {
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

    /** {@code values} as little-endian integers of {@code itemBytes} bytes. */
    static byte[] le(int itemBytes, long... values) {
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
}
