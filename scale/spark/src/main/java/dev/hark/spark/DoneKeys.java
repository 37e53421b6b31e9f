package dev.hark.spark;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * The files an earlier run already embedded with the same settings: the sha256 of {@code path + "\n" + content
 * sha256} of each, 32 bytes a key, sorted in one array (2 million files: 64 MB), looked up by binary search. A file
 * is skipped only when the same path with the same content was embedded with the same model, hop and pooling.
 */
final class DoneKeys implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int KEY_BYTES = 32;

    private final byte[] sorted;

    private DoneKeys(byte[] sorted) {
        this.sorted = sorted;
    }

    static DoneKeys none() {
        return new DoneKeys(new byte[0]);
    }

    /** The set of {@code keys} (each {@value #KEY_BYTES} bytes; duplicates allowed). */
    static DoneKeys of(List<byte[]> keys) {
        byte[][] k = keys.toArray(byte[][]::new);
        Arrays.sort(k, Arrays::compareUnsigned);
        byte[] flat = new byte[k.length * KEY_BYTES];
        for (int i = 0; i < k.length; i++) {
            if (k[i].length != KEY_BYTES) {
                throw new IllegalArgumentException("key " + i + " has " + k[i].length + " bytes");
            }
            System.arraycopy(k[i], 0, flat, i * KEY_BYTES, KEY_BYTES);
        }
        return new DoneKeys(flat);
    }

    int size() {
        return sorted.length / KEY_BYTES;
    }

    boolean contains(byte[] key) {
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Arrays.compareUnsigned(sorted, mid * KEY_BYTES, (mid + 1) * KEY_BYTES, key, 0, KEY_BYTES);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The key of a file: sha256 of the UTF-8 of {@code path + "\n" + contentSha256} (as the table's SQL makes it). */
    static byte[] key(String path, String contentSha256) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((path + "\n" + contentSha256).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
