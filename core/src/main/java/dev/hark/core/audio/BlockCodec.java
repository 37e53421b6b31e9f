package dev.hark.core.audio;

/**
 * Turns coded sample data into mono floats, a block at a time: a block is the smallest unit the coding can be cut
 * at (one frame for PCM and G.711, one ADPCM block). Implementations are immutable apart from what one call uses.
 */
interface BlockCodec {
    /** Bytes of one block. */
    int blockBytes();

    /** Sample frames one whole block holds. */
    int blockFrames();

    /**
     * Decodes {@code in[off..off+len)} into mono samples (channels averaged) at {@code out[outOff..]}: whole blocks,
     * and for block codings (ADPCM) a shorter last block as far as its bytes go.
     *
     * @return the number of mono samples written
     */
    int decode(byte[] in, int off, int len, float[] out, int outOff);

    /** Linear PCM through the one {@link PcmDecoder}. */
    static BlockCodec pcm(PcmDecoder pcm) {
        return new BlockCodec() {
            @Override
            public int blockBytes() {
                return pcm.frameBytes();
            }

            @Override
            public int blockFrames() {
                return 1;
            }

            @Override
            public int decode(byte[] in, int off, int len, float[] out, int outOff) {
                return pcm.decode(in, off, len, out, outOff);
            }
        };
    }
}
