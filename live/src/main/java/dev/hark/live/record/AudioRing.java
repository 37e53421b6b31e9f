package dev.hark.live.record;

/**
 * The most recent audio of a stream (a fixed number of samples), addressed by absolute sample position:
 * lets an event's clip start before its onset was known (pre-roll).
 */
public final class AudioRing {
    private final float[] ring;
    private long written;

    public AudioRing(int capacitySamples) {
        if (capacitySamples < 1) {
            throw new IllegalArgumentException("ring capacity must be positive: " + capacitySamples);
        }
        ring = new float[capacitySamples];
    }

    /** Appends the next {@code len} samples of the stream. */
    public void append(float[] x, int off, int len) {
        if (len >= ring.length) {
            off += len - ring.length;
            written += len - ring.length;
            len = ring.length;
        }
        int p = (int) (written % ring.length);
        int first = Math.min(len, ring.length - p);
        System.arraycopy(x, off, ring, p, first);
        System.arraycopy(x, off + first, ring, 0, len - first);
        written += len;
    }

    /** Absolute position just after the newest sample. */
    public long endSample() {
        return written;
    }

    /** Absolute position of the oldest sample still held. */
    public long startSample() {
        return Math.max(0, written - ring.length);
    }

    /** A copy of samples [from, to), clipped to what is still held (may be shorter, or empty). */
    public float[] copy(long from, long to) {
        long a = Math.max(from, startSample());
        long b = Math.min(to, written);
        if (b <= a) {
            return new float[0];
        }
        float[] out = new float[(int) (b - a)];
        for (int i = 0; i < out.length; i++) {
            out[i] = ring[(int) ((a + i) % ring.length)];
        }
        return out;
    }
}
