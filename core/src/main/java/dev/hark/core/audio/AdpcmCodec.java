package dev.hark.core.audio;

/**
 * What the ADPCM codings share: blocks of {@code blockAlign} bytes that each start with a header of
 * {@link #headerBytesPerChannel()} bytes per channel, decoded one block at a time into 16-bit values per channel,
 * which are averaged to mono. A shorter last block is decoded as far as its bytes go.
 */
abstract class AdpcmCodec implements BlockCodec {
    final int channels;
    final int blockBytes;
    final int blockFrames;
    /** One block's decoded values, interleaved by channel. */
    final int[] values;
    private final double scale;

    AdpcmCodec(int channels, int blockAlign, int blockFrames) {
        this.channels = channels;
        this.blockBytes = blockAlign;
        this.blockFrames = blockFrames;
        this.scale = 1.0 / (32768.0 * channels);
        this.values = new int[blockFrames * channels];
    }

    /** Header bytes per channel at the start of every block. */
    abstract int headerBytesPerChannel();

    /** Decodes one block (perhaps cut short at the end of the data) into {@link #values}; returns its frames. */
    abstract int block(byte[] in, int p, int len);

    @Override
    public final int blockBytes() {
        return blockBytes;
    }

    @Override
    public final int blockFrames() {
        return blockFrames;
    }

    @Override
    public final int decode(byte[] in, int off, int len, float[] out, int outOff) {
        int written = 0;
        int header = headerBytesPerChannel() * channels;
        for (int p = off, end = off + len; end - p >= header; p += blockBytes) {
            int frames = block(in, p, Math.min(blockBytes, end - p));
            for (int i = 0; i < frames; i++) {
                int sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += values[i * channels + c];
                }
                out[outOff + written + i] = (float) (sum * scale);
            }
            written += frames;
        }
        return written;
    }
}
