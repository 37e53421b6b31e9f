package dev.hark.core.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Opens a Sun/NeXT AU file ({@code .au}, {@code .snd}): a 24-byte big-endian header ({@code .snd}, data offset,
 * data size or 0xffffffff for "unknown: to the end of the file", encoding, sample rate, channels), an annotation,
 * then interleaved samples. Encodings read: 8/16/24/32-bit linear PCM, 32/64-bit IEEE float, mu-law and A-law.
 * The byte-swapped magic {@code dns.} (little-endian files, written by some DEC tools) is read too.
 */
final class AuDecoder {
    private static final int HEADER_BYTES = 24;
    private static final long UNKNOWN_SIZE = 0xffffffffL;

    private AuDecoder() {
    }

    static AudioReader open(Path path, FileChannel ch, byte[] head, long fileSize) throws IOException {
        if (head.length < HEADER_BYTES) {
            throw AudioReader.bad(path, "truncated AU: the file ends inside the " + HEADER_BYTES + "-byte header");
        }
        boolean bigEndian = head[0] == '.';
        ByteBuffer h = ByteBuffer.wrap(head, 0, HEADER_BYTES).order(bigEndian ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN);
        long dataOffset = h.getInt(4) & 0xffffffffL;
        long dataSize = h.getInt(8) & 0xffffffffL;
        long code = h.getInt(12) & 0xffffffffL;
        long rate = h.getInt(16) & 0xffffffffL;
        long channels = h.getInt(20) & 0xffffffffL;
        if (dataOffset < HEADER_BYTES) {
            throw AudioReader.bad(path, "corrupt AU header: data offset " + dataOffset + " (at least 24)");
        }
        if (channels == 0) {
            throw AudioReader.bad(path, "corrupt AU header: zero channels");
        }
        AudioReader.checkRateAndChannels(path, rate, (int) Math.min(channels, Integer.MAX_VALUE));
        int ch32 = (int) channels;
        String encoding;
        int bits;
        BlockCodec codec;
        switch ((int) code) {
            case 1 -> {
                encoding = "ULAW";
                bits = 8;
                codec = new G711(G711.Law.MU_LAW, ch32);
            }
            case 27 -> {
                encoding = "ALAW";
                bits = 8;
                codec = new G711(G711.Law.A_LAW, ch32);
            }
            case 2, 3, 4, 5 -> {
                encoding = "PCM_SIGNED";
                bits = 8 * ((int) code - 1);
                codec = BlockCodec.pcm(new PcmDecoder(PcmDecoder.Encoding.SIGNED, bits, ch32, bigEndian));
            }
            case 6, 7 -> {
                encoding = "PCM_FLOAT";
                bits = code == 6 ? 32 : 64;
                codec = BlockCodec.pcm(new PcmDecoder(PcmDecoder.Encoding.FLOAT, bits, ch32, bigEndian));
            }
            default -> throw AudioReader.bad(path, "unsupported AU encoding " + code + " (" + encodingName(code)
                    + "); linear PCM, float, mu-law and A-law are supported");
        }
        if (dataOffset > fileSize) {
            throw AudioReader.bad(path, "truncated AU: the header puts the data at byte " + dataOffset
                    + " but the file holds only " + fileSize + " bytes");
        }
        long available = fileSize - dataOffset;
        long bytes;
        if (dataSize == UNKNOWN_SIZE) {
            bytes = available;
        } else if (dataSize > available) {
            throw AudioReader.bad(path, "truncated or corrupt AU: the header declares " + dataSize + " bytes of data ("
                    + dataSize / codec.blockBytes() + " frames) but the file holds only " + available + " bytes of it");
        } else {
            bytes = dataSize;
        }
        long frames = BlockDecoder.framesIn(bytes, codec);
        if (frames == 0) {
            throw AudioReader.bad(path, "no audio: the AU file holds no samples (header only)");
        }
        AudioFileInfo info = new AudioFileInfo(path, "AU", encoding, (int) rate, ch32, bits, frames,
                frames / (double) rate);
        return new AudioReader(path, info, new BlockDecoder(path, ch, codec, dataOffset, bytes, frames, (int) rate, "AU"));
    }

    private static String encodingName(long code) {
        return switch ((int) code) {
            case 23 -> "G.721 ADPCM";
            case 24 -> "G.722 ADPCM";
            case 25 -> "G.723 3-bit ADPCM";
            case 26 -> "G.723 5-bit ADPCM";
            case 8 -> "fragmented";
            case 10, 11, 12, 13 -> "DSP program or fixed-point";
            default -> "unknown";
        };
    }
}
