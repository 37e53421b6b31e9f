package dev.hark.core.audio;

/**
 * Turns interleaved PCM bytes into mono floats in [-1, 1] by averaging the channels.
 * Integer samples are scaled by 2^-(bits-1) (8-bit samples are unsigned with offset 128);
 * float samples are checked for NaN/Inf (the caller reports them) and clamped to [-1, 1].
 */
final class PcmConverter {
    /** Sample coding of the bytes. */
    enum Kind { UNSIGNED8, SIGNED_INT, FLOAT }

    private final Kind kind;
    private final int bytesPerSample;
    private final int channels;
    private final boolean bigEndian;
    private final int frameBytes;

    PcmConverter(Kind kind, int bytesPerSample, int channels, boolean bigEndian) {
        this.kind = kind;
        this.bytesPerSample = bytesPerSample;
        this.channels = channels;
        this.bigEndian = bigEndian;
        this.frameBytes = bytesPerSample * channels;
    }

    int frameBytes() {
        return frameBytes;
    }

    /**
     * Converts {@code frames} whole frames from {@code bytes[0..]} into {@code out[offset..]}.
     *
     * @return -1 if all samples were finite, else the index (within this call) of the first frame holding NaN or Inf
     */
    int convert(byte[] bytes, int frames, float[] out, int offset) {
        switch (kind) {
            case UNSIGNED8:
                convertU8(bytes, frames, out, offset);
                return -1;
            case SIGNED_INT:
                convertInt(bytes, frames, out, offset);
                return -1;
            default:
                return bytesPerSample == 4 ? convertF32(bytes, frames, out, offset) : convertF64(bytes, frames, out, offset);
        }
    }

    private void convertU8(byte[] b, int frames, float[] out, int offset) {
        if (channels == 1) {
            for (int i = 0; i < frames; i++) {
                out[offset + i] = ((b[i] & 0xff) - 128) * (1f / 128f);
            }
            return;
        }
        double scale = 1.0 / (128.0 * channels);
        int p = 0;
        for (int i = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += (b[p++] & 0xff) - 128;
            }
            out[offset + i] = (float) (sum * scale);
        }
    }

    private void convertInt(byte[] b, int frames, float[] out, int offset) {
        int bps = bytesPerSample;
        if (bps == 2 && channels == 1 && !bigEndian) {
            for (int i = 0, p = 0; i < frames; i++, p += 2) {
                out[offset + i] = (short) ((b[p] & 0xff) | (b[p + 1] << 8)) * (1f / 32768f);
            }
            return;
        }
        double scale = 1.0 / (Math.pow(2, 8 * bps - 1) * channels);
        int p = 0;
        for (int i = 0; i < frames; i++) {
            long sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sampleInt(b, p);
                p += bps;
            }
            out[offset + i] = (float) (sum * scale);
        }
    }

    private long sampleInt(byte[] b, int p) {
        int bps = bytesPerSample;
        if (!bigEndian) {
            switch (bps) {
                case 2: return (short) ((b[p] & 0xff) | (b[p + 1] << 8));
                case 3: return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] << 16);
                case 4: return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16) | (b[p + 3] << 24);
                default: return b[p];
            }
        }
        switch (bps) {
            case 2: return (short) ((b[p + 1] & 0xff) | (b[p] << 8));
            case 3: return (b[p + 2] & 0xff) | ((b[p + 1] & 0xff) << 8) | (b[p] << 16);
            case 4: return (b[p + 3] & 0xff) | ((b[p + 2] & 0xff) << 8) | ((b[p + 1] & 0xff) << 16) | (b[p] << 24);
            default: return b[p];
        }
    }

    private int bits32(byte[] b, int p) {
        return bigEndian
                ? (b[p + 3] & 0xff) | ((b[p + 2] & 0xff) << 8) | ((b[p + 1] & 0xff) << 16) | (b[p] << 24)
                : (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16) | (b[p + 3] << 24);
    }

    private int convertF32(byte[] b, int frames, float[] out, int offset) {
        int p = 0;
        for (int i = 0; i < frames; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                float v = Float.intBitsToFloat(bits32(b, p));
                p += 4;
                if (!Float.isFinite(v)) {
                    return i;
                }
                sum += v;
            }
            out[offset + i] = clamp(channels == 1 ? sum : sum / channels);
        }
        return -1;
    }

    private int convertF64(byte[] b, int frames, float[] out, int offset) {
        int p = 0;
        for (int i = 0; i < frames; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                long hi = bits32(b, bigEndian ? p : p + 4) & 0xffffffffL;
                long lo = bits32(b, bigEndian ? p + 4 : p) & 0xffffffffL;
                double v = Double.longBitsToDouble((hi << 32) | lo);
                p += 8;
                if (!Double.isFinite(v)) {
                    return i;
                }
                sum += v;
            }
            out[offset + i] = clamp(channels == 1 ? sum : sum / channels);
        }
        return -1;
    }

    private static float clamp(double v) {
        return (float) Math.max(-1.0, Math.min(1.0, v));
    }
}
