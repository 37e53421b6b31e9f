package dev.hark.core.audio;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Opens a native FLAC file: reads STREAMINFO (rate, channels, bits, length) and checks that every metadata block
 * fits in the file before jflac reads them.
 */
final class FlacProbe {
    private FlacProbe() {
    }

    static AudioReader open(Path path, FileChannel ch, byte[] b, long size) throws IOException {
        if (b.length < 8 + 18) {
            throw AudioReader.bad(path, "truncated FLAC file: header only");
        }
        if ((b[4] & 0x7f) != 0) {
            throw AudioReader.bad(path, "corrupt FLAC: the first metadata block is not STREAMINFO");
        }
        // STREAMINFO: 2+2 block sizes, 3+3 frame sizes, then 20 bits rate, 3 bits channels-1, 5 bits bits-1, 36 bits
        long packed = 0;
        for (int i = 0; i < 8; i++) {
            packed = (packed << 8) | (b[8 + 10 + i] & 0xff);
        }
        long rate = packed >>> 44;
        int channels = (int) ((packed >>> 41) & 0x7) + 1;
        int bits = (int) ((packed >>> 36) & 0x1f) + 1;
        long frames = packed & 0xfffffffffL;
        AudioReader.checkRateAndChannels(path, rate, channels);
        if (size <= 8 + 34) {
            throw AudioReader.bad(path, "truncated FLAC file: header only");
        }
        AudioFileInfo info = new AudioFileInfo(path, "FLAC", "FLAC", (int) rate, channels, bits,
                frames > 0 ? frames : -1, frames > 0 ? frames / (double) rate : Double.NaN);
        checkFlacMetadata(path, ch, size);
        if (bits > 32 || bits < 4) {
            throw AudioReader.bad(path, "unsupported FLAC: " + bits + " bits per sample");
        }
        return new AudioReader(path, info, new FlacDecoder(path, AudioReader.stream(ch), channels, bits));
    }

    /**
     * Walks the FLAC metadata blocks and checks that every length fits, before jflac reads them: jflac allocates
     * what a damaged Vorbis comment or picture block claims, however large.
     */
    private static void checkFlacMetadata(Path path, FileChannel ch, long size) throws IOException {
        long pos = 4;
        ByteBuffer head = ByteBuffer.allocate(4);
        while (true) {
            if (pos + 4 > size) {
                throw AudioReader.bad(path, "truncated FLAC: the file ends inside the metadata");
            }
            readAt(ch, head, pos);
            int type = head.get(0) & 0x7f;
            boolean last = (head.get(0) & 0x80) != 0;
            int len = ((head.get(1) & 0xff) << 16) | ((head.get(2) & 0xff) << 8) | (head.get(3) & 0xff);
            if (type == 127) {
                throw AudioReader.bad(path, "corrupt FLAC metadata: invalid block type 127");
            }
            if (pos + 4 + len > size) {
                throw AudioReader.bad(path, "truncated or corrupt FLAC metadata: a block of " + len
                        + " bytes runs past the end");
            }
            if (type == 4 || type == 6) {
                ByteBuffer block = ByteBuffer.allocate(len);
                readAt(ch, block, pos + 4);
                if (!(type == 4 ? vorbisCommentFits(block) : pictureFits(block))) {
                    throw AudioReader.bad(path, "corrupt FLAC metadata: a " + (type == 4 ? "Vorbis comment" : "picture")
                            + " block with lengths that do not fit");
                }
            }
            pos += 4 + len;
            if (last) {
                return;
            }
        }
    }

    private static boolean vorbisCommentFits(ByteBuffer b) {
        b.order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        if (b.limit() < 8) {
            return false;
        }
        long vendor = b.getInt(0) & 0xffffffffL;
        at = 4;
        if (at + vendor + 4 > b.limit()) {
            return false;
        }
        at += (int) vendor;
        long count = b.getInt(at) & 0xffffffffL;
        at += 4;
        for (long i = 0; i < count; i++) {
            if (at + 4 > b.limit()) {
                return false;
            }
            long len = b.getInt(at) & 0xffffffffL;
            at += 4;
            if (at + len > b.limit()) {
                return false;
            }
            at += (int) len;
        }
        return true;
    }

    private static boolean pictureFits(ByteBuffer b) {
        b.order(ByteOrder.BIG_ENDIAN);
        long at = 4; // picture type
        for (int field = 0; field < 3; field++) { // MIME type, description, then (after 16 bytes) the data
            if (at + 4 > b.limit()) {
                return false;
            }
            long len = b.getInt((int) at) & 0xffffffffL;
            at += 4 + len;
            if (at > b.limit()) {
                return false;
            }
            if (field == 1) {
                at += 16; // width, height, depth, colours
            }
        }
        return true;
    }

    private static void readAt(FileChannel ch, ByteBuffer b, long at) throws IOException {
        b.clear();
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new EOFException("at " + (at + b.position()));
            }
        }
    }
}
