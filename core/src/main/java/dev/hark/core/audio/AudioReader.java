package dev.hark.core.audio;

import dev.hark.errors.BadInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reads an audio file as mono float samples in [-1, 1] at its native rate, block by block (memory stays bounded
 * however long the file). The format is detected from the content, not the file name: WAV (RIFF/RF64, own parser),
 * FLAC, Ogg Vorbis and MP3 (Java Sound SPI decoders). Channels are averaged.
 *
 * <p>Every problem with the file (missing, a directory, empty, truncated, not audio, absurd header values,
 * NaN/Inf samples, corrupt coded data) is a {@link BadInputException} whose one-line message starts with the file.
 * Not thread-safe; {@link #close()} is idempotent.
 */
public final class AudioReader implements AutoCloseable {
    /** The lowest sample rate accepted. */
    public static final int MIN_RATE_HZ = 1_000;
    /** The highest sample rate accepted. */
    public static final int MAX_RATE_HZ = 768_000;
    private static final int MAX_CHANNELS = 256;
    private static final int PROBE_BYTES = 64 * 1024;
    private static final long TRUNCATED = -2;

    private final Path path;
    private final AudioFileInfo info;
    private final Decoder decoder;
    private boolean closed;
    private boolean ended;
    private long framesRead;

    private AudioReader(Path path, AudioFileInfo info, Decoder decoder) {
        this.path = path;
        this.info = info;
        this.decoder = decoder;
    }

    /**
     * Opens a file and reads its header.
     *
     * @throws BadInputException naming the file and the problem, if it cannot be read as audio
     */
    public static AudioReader open(Path path) {
        if (path == null) {
            throw new BadInputException("no audio file given");
        }
        if (Files.isDirectory(path)) {
            throw bad(path, "is a directory, not an audio file");
        }
        if (!Files.exists(path)) {
            throw bad(path, "no such file");
        }
        if (!Files.isRegularFile(path)) {
            throw bad(path, "not a regular file");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (AccessDeniedException e) {
            throw bad(path, "cannot be read: permission denied");
        } catch (NoSuchFileException e) {
            throw bad(path, "no such file");
        } catch (IOException | SecurityException e) {
            throw bad(path, "cannot be opened: " + SpiDecoder.describe(e));
        }
        try {
            AudioReader r = open(path, ch);
            return r;
        } catch (RuntimeException | IOException e) {
            try {
                ch.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof BadInputException b) {
                throw b;
            }
            if (e instanceof IOException) {
                throw bad(path, "read failed: " + SpiDecoder.describe(e), e);
            }
            throw (RuntimeException) e;
        }
    }

    private static AudioReader open(Path path, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) {
            throw bad(path, "empty file (0 bytes)");
        }
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, PROBE_BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        while (head.hasRemaining() && ch.read(head, head.position()) >= 0) {
            // fill the probe buffer
        }
        head.flip();
        byte[] b = new byte[head.remaining()];
        head.get(b);
        String magic = ascii(b, 0, 4);
        if ((magic.equals("RIFF") || magic.equals("RF64")) && b.length >= 12 && ascii(b, 8, 4).equals("WAVE")) {
            WavDecoder wav = WavDecoder.open(path, ch);
            return new AudioReader(path, wav.info(), wav);
        }
        if (magic.equals("RIFF") || magic.equals("RF64")) {
            throw bad(path, b.length < 12 ? "truncated file: header only"
                    : "not audio this reader knows: a RIFF file of type '" + printable(ascii(b, 8, 4)) + "' (not WAVE)");
        }
        if (magic.equals("RIFX")) {
            throw bad(path, "unsupported WAV: big-endian RIFX");
        }
        if (magic.equals("OggS")) {
            return openOgg(path, ch, b, size);
        }
        int skip = id3Size(b);
        if (skip > 0 && skip + 4 <= b.length && ascii(b, skip, 4).equals("fLaC")) {
            throw bad(path, "unsupported FLAC: an ID3 tag before the FLAC stream");
        }
        if (magic.equals("fLaC")) {
            return openFlac(path, ch, b, size);
        }
        if (skip > 0 || isMpegSync(b, 0)) {
            return openMp3(path, ch, size);
        }
        if (magic.equals("FORM")) {
            throw bad(path, "unsupported format: AIFF/IFF (WAV, FLAC, Ogg Vorbis and MP3 are supported)");
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xf6) == 0xf0) {
            throw bad(path, "unsupported format: AAC (ADTS) (WAV, FLAC, Ogg Vorbis and MP3 are supported)");
        }
        if (b.length >= 8 && ascii(b, 4, 4).equals("ftyp")) {
            throw bad(path, "unsupported format: MP4/M4A (WAV, FLAC, Ogg Vorbis and MP3 are supported)");
        }
        throw bad(path, looksLikeText(b) ? "not an audio file (it looks like text)"
                : "not an audio file: unknown format (WAV, FLAC, Ogg Vorbis and MP3 are supported)");
    }

    // ---------------------------------------------------------------- Ogg Vorbis

    private static AudioReader openOgg(Path path, FileChannel ch, byte[] b, long size) throws IOException {
        if (b.length < 28) {
            throw bad(path, "truncated Ogg file: header only");
        }
        int segments = b[26] & 0xff;
        int body = 27 + segments;
        if (b.length < body + 8) {
            throw bad(path, "truncated Ogg file: the first page is cut short");
        }
        if (ascii(b, body, 8).equals("OpusHead")) {
            throw bad(path, "unsupported format: Ogg Opus (Ogg Vorbis is supported)");
        }
        if ((b[body] & 0xff) == 0x7f && ascii(b, body + 1, 4).equals("FLAC")) {
            throw bad(path, "unsupported format: FLAC in Ogg (native FLAC and Ogg Vorbis are supported)");
        }
        if (!((b[body] & 0xff) == 1 && ascii(b, body + 1, 6).equals("vorbis")) || b.length < body + 30) {
            throw bad(path, "unsupported or corrupt Ogg stream: no Vorbis identification header");
        }
        ByteBuffer id = ByteBuffer.wrap(b, body, 30).order(ByteOrder.LITTLE_ENDIAN);
        int channels = b[body + 11] & 0xff;
        long rate = id.getInt(body + 12) & 0xffffffffL;
        checkRateAndChannels(path, rate, channels);
        int serial = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(14);
        long frames = lastGranule(ch, size, serial);
        if (frames == TRUNCATED) {
            throw bad(path, "truncated Ogg file: it ends without an end-of-stream page");
        }
        double duration = frames >= 0 ? frames / (double) rate : Double.NaN;
        AudioFileInfo info = new AudioFileInfo(path, "OGG", "VORBIS", (int) rate, channels, 0, frames, duration);
        return new AudioReader(path, info, new OggVorbisDecoder(path, stream(ch), frames));
    }

    /**
     * The granule position of the stream's last complete page, i.e. its length in frames (-1 if that page has none),
     * or {@link #TRUNCATED} if the last complete page does not carry the end-of-stream flag.
     */
    private static long lastGranule(FileChannel ch, long size, int serial) throws IOException {
        int tail = (int) Math.min(size, 256 * 1024);
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

    // ---------------------------------------------------------------- FLAC

    private static AudioReader openFlac(Path path, FileChannel ch, byte[] b, long size) throws IOException {
        if (b.length < 8 + 18) {
            throw bad(path, "truncated FLAC file: header only");
        }
        if ((b[4] & 0x7f) != 0) {
            throw bad(path, "corrupt FLAC: the first metadata block is not STREAMINFO");
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
        checkRateAndChannels(path, rate, channels);
        if (size <= 8 + 34) {
            throw bad(path, "truncated FLAC file: header only");
        }
        AudioFileInfo info = new AudioFileInfo(path, "FLAC", "FLAC", (int) rate, channels, bits,
                frames > 0 ? frames : -1, frames > 0 ? frames / (double) rate : Double.NaN);
        checkFlacMetadata(path, ch, size);
        if (bits > 32 || bits < 4) {
            throw bad(path, "unsupported FLAC: " + bits + " bits per sample");
        }
        return new AudioReader(path, info, new FlacDecoder(path, stream(ch), channels, bits));
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
                throw bad(path, "truncated FLAC: the file ends inside the metadata");
            }
            readAt(ch, head, pos);
            int type = head.get(0) & 0x7f;
            boolean last = (head.get(0) & 0x80) != 0;
            int len = ((head.get(1) & 0xff) << 16) | ((head.get(2) & 0xff) << 8) | (head.get(3) & 0xff);
            if (type == 127) {
                throw bad(path, "corrupt FLAC metadata: invalid block type 127");
            }
            if (pos + 4 + len > size) {
                throw bad(path, "truncated or corrupt FLAC metadata: a block of " + len + " bytes runs past the end");
            }
            if (type == 4 || type == 6) {
                ByteBuffer block = ByteBuffer.allocate(len);
                readAt(ch, block, pos + 4);
                if (!(type == 4 ? vorbisCommentFits(block) : pictureFits(block))) {
                    throw bad(path, "corrupt FLAC metadata: a " + (type == 4 ? "Vorbis comment" : "picture")
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
                throw new java.io.EOFException("at " + (at + b.position()));
            }
        }
    }

    // ---------------------------------------------------------------- MP3

    private static AudioReader openMp3(Path path, FileChannel ch, long size) throws IOException {
        AudioFileFormat aff;
        AudioInputStream coded;
        try {
            aff = new javazoom.spi.mpeg.sampled.file.MpegAudioFileReader().getAudioFileFormat(path.toFile());
            coded = new javazoom.spi.mpeg.sampled.file.MpegAudioFileReader().getAudioInputStream(stream(ch));
        } catch (UnsupportedAudioFileException | RuntimeException e) {
            throw bad(path, "not a readable MP3 file (truncated or corrupt): no valid MPEG audio frame found");
        }
        AudioFormat f = coded.getFormat();
        int channels = f.getChannels();
        float rate = f.getSampleRate();
        checkRateAndChannels(path, (long) rate, channels);
        Map<String, Object> props = aff.properties();
        double duration = Double.NaN;
        Object us = props.get("duration");
        if (us instanceof Long micros && micros > 0) {
            duration = micros / 1e6;
        }
        AudioFileInfo info = new AudioFileInfo(path, "MP3", f.getEncoding().toString(), (int) rate, channels, 0, -1,
                duration);
        AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, channels, channels * 2, rate,
                false);
        AudioInputStream pcm = new javazoom.spi.mpeg.sampled.convert.MpegFormatConversionProvider()
                .getAudioInputStream(target, coded);
        return new AudioReader(path, info, new SpiDecoder(path, "MP3", pcm));
    }

    // ---------------------------------------------------------------- reading

    /** What the file holds, from its header. */
    public AudioFileInfo info() {
        return info;
    }

    /** The file this reader reads. */
    public Path path() {
        return path;
    }

    /**
     * Reads up to {@code length} mono samples (channels averaged, in [-1, 1], native rate) into
     * {@code mono[offset..offset+length)}.
     *
     * @return the number of samples read (at least 1 if {@code length > 0}), or -1 at the end of the file
     * @throws BadInputException naming the file, for corrupt data or NaN/Inf samples
     */
    public int read(float[] mono, int offset, int length) {
        if (closed) {
            throw new IllegalStateException("AudioReader for " + path + " is closed");
        }
        if (offset < 0 || length < 0 || offset + length > mono.length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + mono.length);
        }
        if (ended) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        try {
            int n = decoder.read(mono, offset, length);
            if (n < 0) {
                ended = true;
                if (info.container().equals("FLAC") && info.frames() > 0 && framesRead < info.frames()) {
                    throw bad(path, "truncated FLAC: the header promises " + info.frames() + " frames but the data ends after "
                            + framesRead);
                }
            } else {
                framesRead += n;
            }
            return n;
        } catch (IOException e) {
            throw bad(path, "read failed: " + SpiDecoder.describe(e), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            decoder.close();
        } catch (IOException e) {
            throw bad(path, "close failed: " + SpiDecoder.describe(e), e);
        }
    }

    // ---------------------------------------------------------------- helpers

    static BadInputException bad(Path path, String problem) {
        return new BadInputException(oneLine(path + ": " + problem));
    }

    static BadInputException bad(Path path, String problem, Throwable cause) {
        return new BadInputException(oneLine(path + ": " + problem), cause);
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }

    private static void checkRateAndChannels(Path path, long rate, int channels) {
        if (channels <= 0) {
            throw bad(path, "corrupt header: zero channels");
        }
        if (channels > MAX_CHANNELS) {
            throw bad(path, "unsupported: " + channels + " channels (at most " + MAX_CHANNELS + ")");
        }
        if (rate <= 0) {
            throw bad(path, "corrupt header: sample rate " + rate + " Hz");
        }
        if (rate < MIN_RATE_HZ || rate > MAX_RATE_HZ) {
            throw bad(path, "unsupported sample rate " + rate + " Hz (supported: " + MIN_RATE_HZ + " to "
                    + MAX_RATE_HZ + " Hz)");
        }
    }

    private static InputStream stream(FileChannel ch) throws IOException {
        ch.position(0);
        return new BufferedInputStream(Channels.newInputStream(ch), 64 * 1024);
    }

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

    private static String ascii(byte[] b, int at, int len) {
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

    static String format(String fmt, Object... args) {
        return String.format(Locale.ROOT, fmt, args);
    }
}
