package dev.hark.core.audio;

import dev.hark.errors.BadInputException;

/**
 * Decodes interleaved PCM bytes into mono floats, averaging the channels: the one place where bytes become samples,
 * for file decoding (WAV, FLAC, Ogg Vorbis, MP3) and microphone capture alike.
 *
 * <p>Integer samples (8, 16, 24 or 32 bits, signed or unsigned, either byte order) of {@code b} bits become
 * {@code s / 2^(b-1)} in [-1, 1), exactly for up to 24 bits (every 16-bit value maps exactly onto a float);
 * unsigned ones are offset binary (8-bit WAV data: 128 is silence). Float samples (32 or 64 bits) are clamped to
 * [-1, 1]; a frame holding NaN or infinity decodes to NaN, which {@link #firstNonFinite} finds. Immutable.
 */
public final class PcmDecoder {
    /** How each sample is coded. */
    public enum Encoding { SIGNED, UNSIGNED, FLOAT }

    private final Encoding encoding;
    private final int bytesPerSample;
    private final int channels;
    private final boolean bigEndian;
    /** {@code 1 / (2^(bits-1) * channels)}: full scale and channel average in one factor. */
    private final double intScale;

    /**
     * @param encoding signed or unsigned integer, or IEEE float
     * @param bitsPerSample the container size: 8, 16, 24 or 32 for integers, 32 or 64 for floats
     * @param channels interleaved channels, averaged into one
     * @param bigEndian most significant byte first
     * @throws BadInputException for other sizes or a channel count below 1
     */
    public PcmDecoder(Encoding encoding, int bitsPerSample, int channels, boolean bigEndian) {
        boolean sizeOk = encoding == Encoding.FLOAT ? bitsPerSample == 32 || bitsPerSample == 64
                : bitsPerSample == 8 || bitsPerSample == 16 || bitsPerSample == 24 || bitsPerSample == 32;
        if (!sizeOk) {
            throw new BadInputException("PCM: unsupported sample size " + bitsPerSample + " bits ("
                    + (encoding == Encoding.FLOAT ? "32 or 64" : "8, 16, 24 or 32") + ")");
        }
        if (channels < 1 || channels > 65_535) {
            throw new BadInputException("PCM: unsupported channel count " + channels);
        }
        this.encoding = encoding;
        this.bytesPerSample = bitsPerSample / 8;
        this.channels = channels;
        this.bigEndian = bigEndian;
        this.intScale = 1.0 / (Math.pow(2, bitsPerSample - 1) * channels);
    }

    /** Signed 16-bit little-endian mono, Hark's preferred capture format. */
    public static PcmDecoder s16le() {
        return new PcmDecoder(Encoding.SIGNED, 16, 1, false);
    }

    /** Bytes of one frame (one sample of every channel). */
    public int frameBytes() {
        return bytesPerSample * channels;
    }

    public int channels() {
        return channels;
    }

    /**
     * Decodes the whole frames in {@code in[off..off+len)} (a trailing partial frame is ignored) into
     * {@code out[outOff..]}.
     *
     * @return the number of mono samples written
     */
    public int decode(byte[] in, int off, int len, float[] out, int outOff) {
        int frames = len / frameBytes();
        if (encoding == Encoding.FLOAT) {
            decodeFloat(in, off, frames, out, outOff);
        } else if (bytesPerSample == 2 && channels == 1 && !bigEndian && encoding == Encoding.SIGNED) {
            for (int i = 0, p = off; i < frames; i++, p += 2) {
                out[outOff + i] = (short) ((in[p] & 0xff) | (in[p + 1] << 8)) * (1f / 32768f);
            }
        } else {
            int p = off;
            for (int i = 0; i < frames; i++) {
                long sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += sample(in, p);
                    p += bytesPerSample;
                }
                out[outOff + i] = (float) (sum * intScale);
            }
        }
        return frames;
    }

    /** The index (from {@code offset}) of the first NaN among {@code length} decoded samples, or -1. */
    public static int firstNonFinite(float[] samples, int offset, int length) {
        for (int i = 0; i < length; i++) {
            if (Float.isNaN(samples[offset + i])) {
                return i;
            }
        }
        return -1;
    }

    /** One integer sample as a signed value in [-2^(b-1), 2^(b-1)). */
    private long sample(byte[] b, int p) {
        int bits = 8 * bytesPerSample;
        long raw = 0;
        for (int i = 0; i < bytesPerSample; i++) {
            int at = bigEndian ? p + i : p + bytesPerSample - 1 - i;
            raw = (raw << 8) | (b[at] & 0xff);
        }
        long half = 1L << (bits - 1);
        if (encoding == Encoding.UNSIGNED) {
            return raw - half;
        }
        return raw >= half ? raw - 2 * half : raw;
    }

    private void decodeFloat(byte[] b, int off, int frames, float[] out, int outOff) {
        int p = off;
        for (int i = 0; i < frames; i++) {
            double sum = 0;
            boolean finite = true;
            for (int c = 0; c < channels; c++) {
                double v = bytesPerSample == 4 ? Float.intBitsToFloat((int) bits(b, p, 4))
                        : Double.longBitsToDouble(bits(b, p, 8));
                p += bytesPerSample;
                finite &= Double.isFinite(v);
                sum += v;
            }
            out[outOff + i] = finite ? clamp(channels == 1 ? sum : sum / channels) : Float.NaN;
        }
    }

    private long bits(byte[] b, int p, int bytes) {
        long raw = 0;
        for (int i = 0; i < bytes; i++) {
            raw = (raw << 8) | (b[bigEndian ? p + i : p + bytes - 1 - i] & 0xff);
        }
        return raw;
    }

    private static float clamp(double v) {
        return (float) Math.max(-1.0, Math.min(1.0, v));
    }
}
