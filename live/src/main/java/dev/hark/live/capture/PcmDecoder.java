package dev.hark.live.capture;

import dev.hark.errors.BadInputException;

/**
 * Decodes interleaved integer PCM bytes into mono floats in [-1, 1): signed 16-bit little-endian (the format
 * Hark asks every device for), and 8-, 24- and 32-bit, signed or unsigned, either byte order, for devices that
 * offer only those. Several channels are averaged. A sample {@code s} of {@code b} bits becomes
 * {@code s / 2^(b-1)} exactly (every 16-bit value maps exactly onto a float).
 */
public final class PcmDecoder {
    private final int bytesPerSample;
    private final int channels;
    private final boolean signed;
    private final boolean bigEndian;
    private final float scale;

    /**
     * @param bitsPerSample 8, 16, 24 or 32
     * @param channels interleaved channels, averaged into one
     * @param signed two's complement (else offset binary)
     * @param bigEndian most significant byte first
     */
    public PcmDecoder(int bitsPerSample, int channels, boolean signed, boolean bigEndian) {
        if (bitsPerSample != 8 && bitsPerSample != 16 && bitsPerSample != 24 && bitsPerSample != 32) {
            throw new BadInputException("PCM: unsupported sample size " + bitsPerSample + " bits (8, 16, 24 or 32)");
        }
        if (channels < 1 || channels > 64) {
            throw new BadInputException("PCM: unsupported channel count " + channels);
        }
        this.bytesPerSample = bitsPerSample / 8;
        this.channels = channels;
        this.signed = signed;
        this.bigEndian = bigEndian;
        this.scale = (float) (1.0 / Math.pow(2, bitsPerSample - 1));
    }

    /** The decoder for signed 16-bit little-endian mono, Hark's preferred capture format. */
    public static PcmDecoder s16le() {
        return new PcmDecoder(16, 1, true, false);
    }

    /** Bytes of one frame (one sample of every channel). */
    public int frameBytes() {
        return bytesPerSample * channels;
    }

    public int channels() {
        return channels;
    }

    /**
     * Decodes {@code len} bytes (whole frames; a trailing partial frame is ignored) from {@code in[off]} into
     * {@code out[outOff]}; returns the number of mono samples written.
     */
    public int decode(byte[] in, int off, int len, float[] out, int outOff) {
        int frames = len / frameBytes();
        int p = off;
        for (int f = 0; f < frames; f++) {
            if (channels == 1) {
                out[outOff + f] = sample(in, p) * scale;
                p += bytesPerSample;
            } else {
                double sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += sample(in, p);
                    p += bytesPerSample;
                }
                out[outOff + f] = (float) (sum / channels * scale);
            }
        }
        return frames;
    }

    /** One sample as a signed integer in [-2^(b-1), 2^(b-1)). */
    private int sample(byte[] b, int p) {
        int v;
        switch (bytesPerSample) {
            case 1 -> v = b[p] & 0xff;
            case 2 -> v = bigEndian ? ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff) : ((b[p + 1] & 0xff) << 8) | (b[p] & 0xff);
            case 3 -> v = bigEndian
                    ? ((b[p] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] & 0xff)
                    : ((b[p + 2] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p] & 0xff);
            default -> v = bigEndian
                    ? ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff)
                    : ((b[p + 3] & 0xff) << 24) | ((b[p + 2] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p] & 0xff);
        }
        int bits = bytesPerSample * 8;
        if (bits == 32) {
            return signed ? v : v ^ 0x80000000;
        }
        if (signed) {
            int shift = 32 - bits;
            return (v << shift) >> shift;
        }
        return v - (1 << (bits - 1));
    }
}
