package dev.hark.core.audio;

import dev.hark.errors.BadInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads an audio file as mono float samples in [-1, 1] at its native rate, block by block (memory stays bounded
 * however long the file). The format is detected from the content, not the file name ({@link FormatSniffer}):
 * WAV (RIFF/RF64, {@link WavDecoder}), FLAC ({@link FlacProbe}), Ogg Vorbis ({@link OggProbe}), MP3
 * ({@link Mp3Probe}), Sun/NeXT AU ({@link AuDecoder}) and AIFF/AIFF-C ({@link AiffDecoder}); M4A/AAC, ADTS AAC and
 * Ogg Opus through an ffmpeg on the PATH ({@link FfmpegDecoder}). Channels are averaged.
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

    private final Path path;
    private final AudioFileInfo info;
    private final Decoder decoder;
    private boolean closed;
    private boolean ended;
    private long framesRead;

    AudioReader(Path path, AudioFileInfo info, Decoder decoder) {
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
        } catch (RuntimeException | IOException | StackOverflowError e) {
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
            // A decoding library that trips over a damaged header (an index out of bounds, a null field) is a bad
            // file, not a bug of ours to show the user as a trace.
            throw bad(path, "corrupt or truncated audio header (the decoder could not parse it)", e);
        }
    }

    private static AudioReader open(Path path, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) {
            throw bad(path, "empty file (0 bytes)");
        }
        byte[] head = FormatSniffer.head(ch, size);
        return switch (FormatSniffer.sniff(path, head)) {
            case WAV -> {
                WavDecoder wav = WavDecoder.open(path, ch);
                yield new AudioReader(path, wav.info(), wav);
            }
            case OGG -> OggProbe.open(path, ch, head, size);
            case FLAC -> FlacProbe.open(path, ch, head, size);
            case MP3 -> Mp3Probe.open(path, ch);
            case AU -> AuDecoder.open(path, ch, head, size);
            case AIFF -> AiffDecoder.open(path, ch, size);
            case MP4 -> FfmpegDecoder.open(path, ch, "M4A/AAC", "MP4");
            case ADTS -> FfmpegDecoder.open(path, ch, "AAC", "ADTS");
        };
    }

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
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // The decoders map their libraries' failures themselves; this is the net below them.
            throw bad(path, "corrupt or truncated " + info.container() + " audio data", e);
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

    static BadInputException bad(Path path, String problem) {
        return new BadInputException(oneLine(path + ": " + problem));
    }

    static BadInputException bad(Path path, String problem, Throwable cause) {
        return new BadInputException(oneLine(path + ": " + problem), cause);
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }

    static void checkRateAndChannels(Path path, long rate, int channels) {
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

    /** The whole file as a buffered stream from its start. */
    static InputStream stream(FileChannel ch) throws IOException {
        ch.position(0);
        return new BufferedInputStream(Channels.newInputStream(ch), 64 * 1024);
    }
}
