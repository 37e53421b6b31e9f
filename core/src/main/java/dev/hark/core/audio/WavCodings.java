package dev.hark.core.audio;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * WAV's codings beyond linear PCM and float: G.711 mu-law (format tag 7) and A-law (6), IMA ADPCM (0x11) and
 * Microsoft ADPCM (2). {@link WavDecoder} parses the chunks and hands the fmt chunk's fields here.
 */
final class WavCodings {
    static final int MS_ADPCM = 2;
    static final int A_LAW = 6;
    static final int MU_LAW = 7;
    static final int IMA_ADPCM = 0x11;

    private WavCodings() {
    }

    /** What was opened: the header's description and the decoder positioned at the data. */
    record Opened(AudioFileInfo info, Decoder decoder) {
    }

    static boolean handles(int formatTag) {
        return formatTag == MS_ADPCM || formatTag == A_LAW || formatTag == MU_LAW || formatTag == IMA_ADPCM;
    }

    /**
     * @param fmt         the fmt chunk's body (little-endian, its first bytes at least)
     * @param factFrames  the fact chunk's frame count, -1 when there is none
     */
    static Opened open(Path path, FileChannel ch, int formatTag, int channels, int rate, int blockAlign, int bits,
            ByteBuffer fmt, long dataOffset, long dataSize, long factFrames, long fileSize) {
        String encoding;
        BlockCodec codec;
        switch (formatTag) {
            case MU_LAW, A_LAW -> {
                if (bits != 8 || blockAlign != channels) {
                    throw AudioReader.bad(path, "corrupt WAV header: " + bits + "-bit G.711 with block align "
                            + blockAlign + " for " + channels + " channel(s) (8 bits, one byte per channel expected)");
                }
                encoding = formatTag == MU_LAW ? "ULAW" : "ALAW";
                codec = new G711(formatTag == MU_LAW ? G711.Law.MU_LAW : G711.Law.A_LAW, channels);
            }
            case IMA_ADPCM -> {
                if (bits != 4) {
                    throw AudioReader.bad(path, "unsupported WAV: " + bits + "-bit IMA ADPCM (4 bits supported)");
                }
                try {
                    codec = new ImaAdpcm(channels, blockAlign);
                } catch (IllegalArgumentException e) {
                    throw AudioReader.bad(path, "corrupt WAV header: " + e.getMessage());
                }
                encoding = "IMA_ADPCM";
            }
            default -> {
                if (bits != 4) {
                    throw AudioReader.bad(path, "unsupported WAV: " + bits + "-bit MS ADPCM (4 bits supported)");
                }
                codec = msAdpcm(path, channels, blockAlign, fmt);
                encoding = "MS_ADPCM";
            }
        }
        long available = fileSize - dataOffset;
        if (dataSize > available) {
            throw AudioReader.bad(path, "truncated or corrupt WAV: the data chunk declares " + dataSize + " bytes but the "
                    + "file holds only " + Math.max(0, available) + " bytes of it");
        }
        long frames = framesIn(dataSize, codec);
        if (factFrames >= 0 && factFrames < frames && codec.blockFrames() > 1) {
            frames = factFrames; // the last ADPCM block's padding
        }
        if (frames == 0) {
            throw AudioReader.bad(path, "no audio: the WAV data chunk is empty (header only)");
        }
        AudioFileInfo info = new AudioFileInfo(path, "WAV", encoding, rate, channels, bits, frames,
                frames / (double) rate);
        return new Opened(info, new BlockDecoder(path, ch, codec, dataOffset, dataSize, frames, rate, "WAV"));
    }

    /** Whole blocks, and a shorter last ADPCM block as far as its bytes go. */
    private static long framesIn(long bytes, BlockCodec codec) {
        long whole = BlockDecoder.framesIn(bytes, codec);
        int rest = (int) (bytes % codec.blockBytes());
        if (rest == 0 || codec.blockFrames() == 1) {
            return whole;
        }
        float[] scratch = new float[codec.blockFrames()];
        return whole + codec.decode(new byte[rest], 0, rest, scratch, 0);
    }

    private static BlockCodec msAdpcm(Path path, int channels, int blockAlign, ByteBuffer fmt) {
        if (fmt.limit() < 22) {
            throw AudioReader.bad(path, "corrupt WAV header: MS ADPCM fmt chunk of " + fmt.limit()
                    + " bytes (its coefficient table is missing)");
        }
        int samplesPerBlock = fmt.getShort(18) & 0xffff;
        int count = fmt.getShort(20) & 0xffff;
        if (count == 0 || fmt.limit() < 22 + 4 * count) {
            throw AudioReader.bad(path, "corrupt WAV header: MS ADPCM with " + count + " coefficient pairs in a fmt "
                    + "chunk of " + fmt.limit() + " bytes");
        }
        int[][] coefficients = new int[count][2];
        for (int i = 0; i < count; i++) {
            coefficients[i][0] = fmt.getShort(22 + 4 * i);
            coefficients[i][1] = fmt.getShort(24 + 4 * i);
        }
        MsAdpcm codec;
        try {
            codec = new MsAdpcm(channels, blockAlign, coefficients);
        } catch (IllegalArgumentException e) {
            throw AudioReader.bad(path, "corrupt WAV header: " + e.getMessage());
        }
        if (samplesPerBlock != codec.blockFrames()) {
            throw AudioReader.bad(path, "corrupt WAV header: MS ADPCM with " + samplesPerBlock + " samples per block, "
                    + "but block align " + blockAlign + " holds " + codec.blockFrames());
        }
        return codec;
    }
}
