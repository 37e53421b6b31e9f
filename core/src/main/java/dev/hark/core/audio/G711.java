package dev.hark.core.audio;

/**
 * ITU-T G.711 mu-law and A-law, one byte a sample: each byte expands to a 16-bit linear value (as the
 * recommendation's decoding tables give it), scaled like 16-bit PCM ({@code v / 32768}); channels are averaged.
 */
final class G711 implements BlockCodec {
    /** The two companding laws. */
    enum Law { MU_LAW, A_LAW }

    private static final short[] MU = new short[256];
    private static final short[] A = new short[256];

    static {
        for (int b = 0; b < 256; b++) {
            MU[b] = (short) muLawToLinear(b);
            A[b] = (short) aLawToLinear(b);
        }
    }

    private final short[] table;
    private final int channels;
    private final double scale;

    G711(Law law, int channels) {
        this.table = law == Law.MU_LAW ? MU : A;
        this.channels = channels;
        this.scale = 1.0 / (32768.0 * channels);
    }

    /** mu-law: the byte is stored inverted; 3 exponent bits, 4 mantissa bits, a bias of 132 (0x84). */
    static int muLawToLinear(int code) {
        int u = ~code & 0xff;
        int magnitude = ((((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4)) - 0x84;
        return (u & 0x80) != 0 ? -magnitude : magnitude;
    }

    /** A-law: even bits inverted (xor 0x55); segment 0 is linear, the others double per segment. */
    static int aLawToLinear(int code) {
        int a = (code ^ 0x55) & 0xff;
        int segment = (a & 0x70) >> 4;
        int magnitude = ((a & 0x0f) << 4) + 8;
        if (segment > 0) {
            magnitude = (magnitude + 0x100) << (segment - 1);
        }
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }

    @Override
    public int blockBytes() {
        return channels;
    }

    @Override
    public int blockFrames() {
        return 1;
    }

    @Override
    public int decode(byte[] in, int off, int len, float[] out, int outOff) {
        int frames = len / channels;
        int p = off;
        for (int i = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += table[in[p++] & 0xff];
            }
            out[outOff + i] = (float) (sum * scale);
        }
        return frames;
    }
}
