package dev.hark.bench;

import java.util.Arrays;
import java.util.Random;

/**
 * Mutations of a valid file as a fuzzer makes them: flipped bits, overwritten bytes, a header field set to an extreme
 * (0, -1, 2^31-1, 2^63-1, ...), truncation, a removed or repeated run of bytes. Headers are where sizes and offsets
 * live, so a third of the mutations aim at the first 512 bytes. Deterministic for a given {@link Random}.
 */
final class Mutator {
    private static final long[] EXTREMES = {0, 1, -1, 0x7f, 0x80, 0xff, 0x7fff, 0xffff, 0x7fffffffL, 0x80000000L,
        0xffffffffL, Long.MAX_VALUE, Long.MIN_VALUE, 0x100000000L};

    private Mutator() {
    }

    static byte[] mutate(byte[] seed, Random r) {
        byte[] b = seed.clone();
        int rounds = 1 + r.nextInt(4);
        for (int k = 0; k < rounds && b.length > 0; k++) {
            b = once(b, r);
        }
        return b;
    }

    private static byte[] once(byte[] b, Random r) {
        int at = r.nextInt(3) == 0 ? r.nextInt(Math.min(512, b.length)) : r.nextInt(b.length);
        switch (r.nextInt(7)) {
            case 0 -> {                                   // flip 1 to 8 bits
                int n = 1 + r.nextInt(8);
                for (int i = 0; i < n; i++) {
                    int p = r.nextInt(2) == 0 ? at : r.nextInt(b.length);
                    b[p] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 1 -> {                                   // overwrite a run with random bytes
                int n = Math.min(b.length - at, 1 + r.nextInt(64));
                for (int i = 0; i < n; i++) {
                    b[at + i] = (byte) r.nextInt(256);
                }
            }
            case 2, 3 -> {                                // a 2-, 4- or 8-byte field set to an extreme value
                int width = new int[] {2, 4, 8}[r.nextInt(3)];
                long v = EXTREMES[r.nextInt(EXTREMES.length)];
                boolean little = r.nextBoolean();
                for (int i = 0; i < width && at + i < b.length; i++) {
                    int shift = 8 * (little ? i : width - 1 - i);
                    b[at + i] = (byte) (v >>> shift);
                }
            }
            case 4 -> {                                   // truncate
                return Arrays.copyOf(b, r.nextInt(b.length));
            }
            case 5 -> {                                   // remove a run
                int n = Math.min(b.length - at, 1 + r.nextInt(256));
                byte[] c = new byte[b.length - n];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + n, c, at, b.length - at - n);
                return c;
            }
            default -> {                                  // repeat a run (a duplicated chunk or frame)
                int n = Math.min(b.length - at, 1 + r.nextInt(256));
                byte[] c = new byte[b.length + n];
                System.arraycopy(b, 0, c, 0, at + n);
                System.arraycopy(b, at, c, at + n, b.length - at);
                return c;
            }
        }
        return b;
    }
}
