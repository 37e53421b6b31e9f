package dev.hark.core.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Tells an audio file's format from its first bytes, never from its name: WAV (RIFF/RF64), Ogg, FLAC, MP3, Sun/NeXT
 * AU ({@code .snd}) and AIFF/AIFF-C ({@code FORM} of type AIFF or AIFC) are read; MP4 (an {@code ftyp} box: M4A/AAC) and
 * ADTS AAC are recognised and handed to ffmpeg ({@link FfmpegDecoder}); other IFF types, big-endian RIFX, FLAC behind an ID3 tag, text and unknown content are refused with a
 * message saying what the file seems to be.
 */
final class FormatSniffer {
    /** The formats {@link AudioReader} reads. */
    enum Format { WAV, OGG, FLAC, MP3, AU, AIFF, MP4, ADTS }

    /** How much of the start of a file is read to tell its format. */
    private static final int PROBE_BYTES = 64 * 1024;
    private static final String SUPPORTED = "(WAV, FLAC, Ogg Vorbis, MP3, AU and AIFF are supported)";

    private FormatSniffer() {
    }

    /** The first {@value #PROBE_BYTES} bytes of the file (all of it when shorter). */
    static byte[] head(FileChannel ch, long size) throws IOException {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, PROBE_BYTES));
        while (head.hasRemaining() && ch.read(head, head.position()) >= 0) {
            // fill the probe buffer
        }
        head.flip();
        byte[] b = new byte[head.remaining()];
        head.get(b);
        return b;
    }

    /**
     * The format of a file starting with {@code b}.
     *
     * @throws dev.hark.errors.BadInputException naming the file, for a format that is not read
     */
    static Format sniff(Path path, byte[] b) {
        String magic = ascii(b, 0, 4);
        boolean riff = magic.equals("RIFF") || magic.equals("RF64");
        if (riff && b.length >= 12 && ascii(b, 8, 4).equals("WAVE")) {
            return Format.WAV;
        }
        if (riff) {
            throw AudioReader.bad(path, b.length < 12 ? "truncated file: header only"
                    : "not audio this reader knows: a RIFF file of type '" + printable(ascii(b, 8, 4))
                            + "' (not WAVE)");
        }
        if (magic.equals("RIFX")) {
            throw AudioReader.bad(path, "unsupported WAV: big-endian RIFX");
        }
        if (magic.equals(".snd") || magic.equals("dns.")) {
            return Format.AU;
        }
        if (magic.equals("FORM") && (ascii(b, 8, 4).equals("AIFF") || ascii(b, 8, 4).equals("AIFC"))) {
            return Format.AIFF;
        }
        if (magic.equals("OggS")) {
            return Format.OGG;
        }
        int skip = id3Size(b);
        if (skip > 0 && skip + 4 <= b.length && ascii(b, skip, 4).equals("fLaC")) {
            throw AudioReader.bad(path, "unsupported FLAC: an ID3 tag before the FLAC stream");
        }
        if (magic.equals("fLaC")) {
            return Format.FLAC;
        }
        if (skip > 0 || isMpegSync(b, 0)) {
            return Format.MP3;
        }
        if (magic.equals("FORM")) {
            throw AudioReader.bad(path, b.length < 12 ? "truncated file: header only"
                    : "unsupported format: an IFF file of type '" + printable(ascii(b, 8, 4)) + "' " + SUPPORTED);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xf6) == 0xf0) {
            return Format.ADTS;
        }
        if (b.length >= 8 && ascii(b, 4, 4).equals("ftyp")) {
            return Format.MP4;
        }
        throw AudioReader.bad(path, looksLikeText(b) ? "not an audio file (it looks like text)"
                : "not an audio file: unknown format " + SUPPORTED);
    }

    /** Size of an ID3v2 tag at the start, header and footer included, or 0 if there is none. */
    private static int id3Size(byte[] b) {
        if (b.length < 10 || b[0] != 'I' || b[1] != 'D' || b[2] != '3') {
            return 0;
        }
        int s = ((b[6] & 0x7f) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f);
        return 10 + s + ((b[5] & 0x10) != 0 ? 10 : 0);
    }

    /** An MPEG audio frame header: 11 sync bits, a valid version, layer, bit-rate and sample-rate index. */
    private static boolean isMpegSync(byte[] b, int at) {
        if (b.length < at + 4) {
            return false;
        }
        int h = ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
        return (h >>> 21) == 0x7ff && ((h >>> 19) & 3) != 1 && ((h >>> 17) & 3) != 0 && ((h >>> 12) & 0xf) != 0xf
                && ((h >>> 10) & 3) != 3;
    }

    private static boolean looksLikeText(byte[] b) {
        int n = Math.min(b.length, 512);
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            if (c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** {@code len} bytes at {@code at} as Latin-1 text, or "" when the array is shorter. */
    static String ascii(byte[] b, int at, int len) {
        if (at + len > b.length) {
            return "";
        }
        return new String(b, at, len, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }
}
