package dev.hark.core.audio;

/**
 * Microsoft ADPCM as WAV stores it (format tag 2): blocks of {@code blockAlign} bytes, each starting with a 7-byte
 * header per channel (fields interleaved by channel: predictor index, initial delta, second and first sample as
 * signed 16-bit little-endian), then 4-bit codes, high nibble first, the channels in turn. Each sample is the
 * predictor {@code (s1 * c1 + s2 * c2) >> 8} plus the signed code times delta, clamped to 16 bits; delta then
 * scales by the adaptation table ({@code / 256}, at least 16). The coefficient pairs come from the fmt chunk.
 */
final class MsAdpcm extends AdpcmCodec {
    private static final int[] ADAPT = {230, 230, 230, 230, 307, 409, 512, 614, 768, 614, 512, 409, 307, 230, 230, 230};

    private final int[][] coefficients;

    private static int checked(int channels, int blockAlign) {
        if (blockAlign < 7 * channels) {
            throw new IllegalArgumentException("block align " + blockAlign + " does not fit " + channels
                    + " channel(s) of MS ADPCM");
        }
        return blockAlign;
    }

    /**
     * @param coefficients the fmt chunk's predictor pairs {@code {c1, c2}}
     * @throws IllegalArgumentException for a block too small for its headers
     */
    MsAdpcm(int channels, int blockAlign, int[][] coefficients) {
        super(channels, checked(channels, blockAlign), framesPerBlock(channels, blockAlign));
        this.coefficients = coefficients;
    }

    /** Samples per channel in one block: the header's two and two per data byte of the channel. */
    static int framesPerBlock(int channels, int blockAlign) {
        return (blockAlign - 7 * channels) * 2 / channels + 2;
    }

    @Override
    int headerBytesPerChannel() {
        return 7;
    }

    @Override
    int block(byte[] in, int p, int len) {
        int[] c1 = new int[channels];
        int[] c2 = new int[channels];
        int[] delta = new int[channels];
        int[] s1 = new int[channels];
        int[] s2 = new int[channels];
        for (int c = 0; c < channels; c++) {
            int predictor = in[p + c] & 0xff;
            if (predictor >= coefficients.length) {
                throw new IllegalStateException("MS ADPCM predictor " + predictor + " beyond the fmt chunk's "
                        + coefficients.length + " coefficient pairs");
            }
            c1[c] = coefficients[predictor][0];
            c2[c] = coefficients[predictor][1];
            delta[c] = le16(in, p + channels + 2 * c);
            s1[c] = le16(in, p + 3 * channels + 2 * c);
            s2[c] = le16(in, p + 5 * channels + 2 * c);
            values[c] = s2[c];
            values[channels + c] = s1[c];
        }
        int codes = (len - 7 * channels) * 2;
        int frames = 2 + codes / channels;
        for (int n = 0; n < frames * channels - 2 * channels; n++) {
            int b = in[p + 7 * channels + n / 2] & 0xff;
            int code = (n & 1) == 0 ? b >> 4 : b & 0x0f;
            int c = n % channels;
            int signed = code >= 8 ? code - 16 : code;
            int predicted = (s1[c] * c1[c] + s2[c] * c2[c]) >> 8;
            int sample = Math.max(-32768, Math.min(32767, predicted + signed * delta[c]));
            s2[c] = s1[c];
            s1[c] = sample;
            delta[c] = Math.max(16, (ADAPT[code] * delta[c]) >> 8);
            values[2 * channels + n] = sample;
        }
        return frames;
    }

    private static int le16(byte[] b, int p) {
        return (short) ((b[p] & 0xff) | (b[p + 1] << 8));
    }
}
