package dev.hark.core.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Opens an Ogg file: hands Opus to ffmpeg ({@link FfmpegDecoder}), refuses FLAC-in-Ogg, reads the Vorbis identification header (rate, channels) and
 * the length in frames from the granule position of the last page, which must end the stream.
 */
final class OggProbe {
    /** {@link #lastGranule} of a stream whose last complete page is not its end. */
    private static final long TRUNCATED = -2;
    /** How much of the file's end is searched for the last page. */
    private static final int TAIL_BYTES = 256 * 1024;

    private OggProbe() {
    }

    static AudioReader open(Path path, FileChannel ch, byte[] b, long size) throws IOException {
        if (b.length < 28) {
            throw AudioReader.bad(path, "truncated Ogg file: header only");
        }
        int segments = b[26] & 0xff;
        int body = 27 + segments;
        if (b.length < body + 8) {
            throw AudioReader.bad(path, "truncated Ogg file: the first page is cut short");
        }
        if (FormatSniffer.ascii(b, body, 8).equals("OpusHead")) {
            return FfmpegDecoder.open(path, ch, "Ogg Opus", "OGG");
        }
        if ((b[body] & 0xff) == 0x7f && FormatSniffer.ascii(b, body + 1, 4).equals("FLAC")) {
            throw AudioReader.bad(path, "unsupported format: FLAC in Ogg (native FLAC and Ogg Vorbis are supported)");
        }
        if (!((b[body] & 0xff) == 1 && FormatSniffer.ascii(b, body + 1, 6).equals("vorbis")) || b.length < body + 30) {
            throw AudioReader.bad(path, "unsupported or corrupt Ogg stream: no Vorbis identification header");
        }
        ByteBuffer id = ByteBuffer.wrap(b, body, 30).order(ByteOrder.LITTLE_ENDIAN);
        int channels = b[body + 11] & 0xff;
        long rate = id.getInt(body + 12) & 0xffffffffL;
        AudioReader.checkRateAndChannels(path, rate, channels);
        int serial = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(14);
        long frames = lastGranule(ch, size, serial);
        if (frames == TRUNCATED) {
            throw AudioReader.bad(path, "truncated Ogg file: it ends without an end-of-stream page");
        }
        double duration = frames >= 0 ? frames / (double) rate : Double.NaN;
        AudioFileInfo info = new AudioFileInfo(path, "OGG", "VORBIS", (int) rate, channels, 0, frames, duration);
        return new AudioReader(path, info, new OggVorbisDecoder(path, AudioReader.stream(ch), frames));
    }

    /**
     * The granule position of the stream's last complete page, i.e. its length in frames (-1 if that page has none),
     * or {@link #TRUNCATED} if the last complete page does not carry the end-of-stream flag.
     */
    private static long lastGranule(FileChannel ch, long size, int serial) throws IOException {
        int tail = (int) Math.min(size, TAIL_BYTES);
        ByteBuffer buf = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
        long start = size - tail;
        while (buf.hasRemaining() && ch.read(buf, start + buf.position()) >= 0) {
            // fill
        }
        byte[] t = buf.array();
        int len = buf.position();
        for (int i = len - 27; i >= 0; i--) {
            if (t[i] != 'O' || t[i + 1] != 'g' || t[i + 2] != 'g' || t[i + 3] != 'S' || t[i + 4] != 0) {
                continue;
            }
            int segs = t[i + 26] & 0xff;
            if (i + 27 + segs > len) {
                continue;
            }
            int bodyLen = 0;
            for (int s = 0; s < segs; s++) {
                bodyLen += t[i + 27 + s] & 0xff;
            }
            if (i + 27 + segs + bodyLen > len || buf.getInt(i + 14) != serial) {
                continue;
            }
            if ((t[i + 5] & 4) == 0) {
                return TRUNCATED; // the last complete page of the stream is not its end
            }
            long granule = buf.getLong(i + 6);
            return granule >= 0 ? granule : -1;
        }
        return TRUNCATED;
    }
}
