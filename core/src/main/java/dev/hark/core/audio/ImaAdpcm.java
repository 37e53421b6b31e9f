package dev.hark.core.audio;

/**
 * IMA/DVI ADPCM as WAV stores it (format tag 0x11): blocks of {@code blockAlign} bytes, each starting, per channel,
 * with a 4-byte header (the first sample as signed 16-bit little-endian, the step index, a reserved byte), then
 * groups of 4 bytes per channel in turn, each 8 samples of 4 bits, low nibble first. Every code adds
 * {@code step * (code & 7) / 4 + step / 8} (computed with shifts, as the IMA recommendation does) with the sign of
 * bit 3 to the prediction, clamped to 16 bits, and moves the step index by the IMA index table.
 */
final class ImaAdpcm extends AdpcmCodec {
    private static final int[] STEPS = steps();
    private static final int[] INDEX_CHANGE = {-1, -1, -1, -1, 2, 4, 6, 8};

    private static int checked(int channels, int blockAlign) {
        if (blockAlign <= 4 * channels || (blockAlign - 4 * channels) % (4 * channels) != 0) {
            throw new IllegalArgumentException("block align " + blockAlign + " does not fit " + channels
                    + " channel(s) of IMA ADPCM");
        }
        return blockAlign;
    }

    /**
     * @throws IllegalArgumentException for a block too small for its headers or not a whole number of groups
     */
    ImaAdpcm(int channels, int blockAlign) {
        super(channels, checked(channels, blockAlign), framesPerBlock(channels, blockAlign));
    }

    /** Samples per channel in one block: the header's sample and two per data byte of the channel. */
    static int framesPerBlock(int channels, int blockAlign) {
        return (blockAlign - 4 * channels) * 2 / channels + 1;
    }

    /** The 89 step sizes: about 7 * 1.1^i, as the IMA recommendation tabulates them. */
    private static int[] steps() {
        return new int[] {7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 19, 21, 23, 25, 28, 31, 34, 37, 41, 45, 50, 55, 60,
            66, 73, 80, 88, 97, 107, 118, 130, 143, 157, 173, 190, 209, 230, 253, 279, 307, 337, 371, 408, 449, 494,
            544, 598, 658, 724, 796, 876, 963, 1060, 1166, 1282, 1411, 1552, 1707, 1878, 2066, 2272, 2499, 2749, 3024,
            3327, 3660, 4026, 4428, 4871, 5358, 5894, 6484, 7132, 7845, 8630, 9493, 10442, 11487, 12635, 13899, 15289,
            16818, 18500, 20350, 22385, 24623, 27086, 29794, 32767};
    }

    @Override
    int headerBytesPerChannel() {
        return 4;
    }

    @Override
    int block(byte[] in, int p, int len) {
        int groups = (len - 4 * channels) / (4 * channels);
        for (int c = 0; c < channels; c++) {
            int h = p + 4 * c;
            int value = (short) ((in[h] & 0xff) | (in[h + 1] << 8));
            int index = Math.min(Math.max(in[h + 2] & 0xff, 0), STEPS.length - 1);
            values[c] = value;
            for (int g = 0; g < groups; g++) {
                int at = p + 4 * channels + (g * channels + c) * 4;
                for (int k = 0; k < 8; k++) {
                    int code = (in[at + k / 2] >> ((k & 1) * 4)) & 0x0f;
                    int step = STEPS[index];
                    int diff = step >> 3;
                    if ((code & 4) != 0) {
                        diff += step;
                    }
                    if ((code & 2) != 0) {
                        diff += step >> 1;
                    }
                    if ((code & 1) != 0) {
                        diff += step >> 2;
                    }
                    value = (code & 8) != 0 ? Math.max(-32768, value - diff) : Math.min(32767, value + diff);
                    index = Math.min(Math.max(index + INDEX_CHANGE[code & 7], 0), STEPS.length - 1);
                    values[(1 + g * 8 + k) * channels + c] = value;
                }
            }
        }
        return 1 + groups * 8;
    }
}
