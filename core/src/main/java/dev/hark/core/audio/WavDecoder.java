package dev.hark.core.audio;

import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Our own RIFF/RF64 WAVE reader: PCM 8/16/24/32-bit integer, 32/64-bit IEEE float and WAVE_FORMAT_EXTENSIBLE
 * (any channel count), and G.711 and ADPCM through {@link WavCodings}, chunks in any order with odd-size padding, unknown chunks (LIST, fact, ...) skipped.
 * A data chunk that claims more bytes than the file holds is reported as truncated.
 */
final class WavDecoder implements Decoder {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    private static final int BLOCK_FRAMES = 8192;

    private final Path path;
    private final FileChannel channel;
    private final PcmDecoder converter;
    private final AudioFileInfo info;
    private final long dataOffset;
    private final long frames;
    private final int sampleRateHz;
    private final ByteBuffer buffer;
    private long framesDone;
    /** The decoder of a G.711 or ADPCM coding ({@link WavCodings}), null for PCM and float. */
    private final Decoder coded;

    private WavDecoder(Path path, FileChannel channel, WavCodings.Opened coded) {
        this.path = path;
        this.channel = channel;
        this.converter = null;
        this.info = coded.info();
        this.dataOffset = -1;
        this.frames = info.frames();
        this.sampleRateHz = info.sampleRateHz();
        this.buffer = null;
        this.coded = coded.decoder();
    }

    private WavDecoder(Path path, FileChannel channel, PcmDecoder converter, AudioFileInfo info, long dataOffset) {
        this.path = path;
        this.channel = channel;
        this.converter = converter;
        this.info = info;
        this.dataOffset = dataOffset;
        this.frames = info.frames();
        this.sampleRateHz = info.sampleRateHz();
        int blockFrames = (int) Math.max(1, Math.min(BLOCK_FRAMES, (1 << 20) / converter.frameBytes()));
        this.buffer = ByteBuffer.allocate(blockFrames * converter.frameBytes());
        this.coded = null;
    }

    AudioFileInfo info() {
        return info;
    }

    /** Parses the header of an open WAV file; the caller closes the channel if this throws. */
    static WavDecoder open(Path path, FileChannel ch) throws IOException {
        long fileSize = ch.size();
        ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, head, 0, path, "RIFF header");
        String riff = fourcc(head, 0);
        boolean rf64 = riff.equals("RF64");
        long pos = 12;
        int formatTag = -1;
        int channels = 0;
        long rate = 0;
        int blockAlign = 0;
        int bits = 0;
        long dataOffset = -1;
        long dataSize = -1;
        long ds64DataSize = -1;
        long factFrames = -1;
        ByteBuffer fmt = null;
        ByteBuffer chunk = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        while (pos + 8 <= fileSize && (formatTag < 0 || dataOffset < 0)) {
            readFully(ch, chunk, pos, path, "chunk header");
            String id = fourcc(chunk, 0);
            long size = chunk.getInt(4) & 0xffffffffL;
            long body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16) {
                    throw bad(path, "corrupt WAV header: fmt chunk of " + size + " bytes (at least 16 expected)");
                }
                fmt = ByteBuffer.allocate((int) Math.min(size, 256)).order(ByteOrder.LITTLE_ENDIAN);
                readFully(ch, fmt, body, path, "fmt chunk");
                formatTag = fmt.getShort(0) & 0xffff;
                channels = fmt.getShort(2) & 0xffff;
                rate = fmt.getInt(4) & 0xffffffffL;
                blockAlign = fmt.getShort(12) & 0xffff;
                bits = fmt.getShort(14) & 0xffff;
                if (formatTag == FORMAT_EXTENSIBLE) {
                    if (size < 40) {
                        throw bad(path, "corrupt WAV header: WAVE_FORMAT_EXTENSIBLE with a fmt chunk of " + size
                                + " bytes (40 expected)");
                    }
                    // The sub-format GUID starts with the format tag it stands for.
                    formatTag = fmt.getShort(24) & 0xffff;
                }
            } else if (id.equals("ds64") && rf64) {
                ByteBuffer ds = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                readFully(ch, ds, body, path, "ds64 chunk");
                ds64DataSize = ds.getLong(8);
                if (ds64DataSize < 0) {
                    throw bad(path, "corrupt RF64 header: ds64 data size " + Long.toUnsignedString(ds64DataSize)
                            + " bytes is beyond any file");
                }
            } else if (id.equals("fact") && size >= 4) {
                ByteBuffer fact = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                readFully(ch, fact, body, path, "fact chunk");
                factFrames = fact.getInt(0) & 0xffffffffL;
            } else if (id.equals("data")) {
                dataOffset = body;
                dataSize = (rf64 && size == 0xffffffffL && ds64DataSize >= 0) ? ds64DataSize : size;
                if (formatTag < 0) {
                    // fmt after data is legal but rare: keep scanning past the data.
                    // (dataSize may be up to 2^63-1 from ds64: compare against what is left, never add)
                    if (dataSize > fileSize - body) {
                        break;
                    }
                }
            }
            if (dataOffset >= 0 && formatTag >= 0) {
                break;
            }
            long skip = id.equals("data") ? dataSize : size;
            if (skip >= fileSize - body) {
                break;   // the chunk runs to (or past) the end of the file: nothing follows it
            }
            long next = body + skip;
            pos = next + (next & 1);
        }
        if (formatTag < 0) {
            throw bad(path, "truncated or corrupt WAV: no fmt chunk");
        }
        if (channels == 0) {
            throw bad(path, "corrupt WAV header: zero channels");
        }
        if (rate == 0) {
            throw bad(path, "corrupt WAV header: sample rate 0 Hz");
        }
        if (rate < AudioReader.MIN_RATE_HZ || rate > AudioReader.MAX_RATE_HZ) {
            throw bad(path, "unsupported sample rate " + rate + " Hz (supported: " + AudioReader.MIN_RATE_HZ + " to "
                    + AudioReader.MAX_RATE_HZ + " Hz)");
        }
        AudioReader.checkRateAndChannels(path, rate, channels);   // the channel bound every format shares
        PcmDecoder.Encoding kind;
        String encoding;
        if (formatTag == FORMAT_PCM) {
            if (bits < 1 || bits > 32) {
                throw bad(path, "unsupported WAV: " + bits + "-bit integer PCM (8, 16, 24 or 32 supported)");
            }
            kind = bits <= 8 ? PcmDecoder.Encoding.UNSIGNED : PcmDecoder.Encoding.SIGNED;
            encoding = bits <= 8 ? "PCM_UNSIGNED" : "PCM_SIGNED";
        } else if (formatTag == FORMAT_FLOAT) {
            if (bits != 32 && bits != 64) {
                throw bad(path, "unsupported WAV: " + bits + "-bit float (32 or 64 supported)");
            }
            kind = PcmDecoder.Encoding.FLOAT;
            encoding = "PCM_FLOAT";
        } else if (WavCodings.handles(formatTag)) {
            if (dataOffset < 0) {
                throw bad(path, "truncated or corrupt WAV: no data chunk (header only?)");
            }
            return new WavDecoder(path, ch, WavCodings.open(path, ch, formatTag, channels, (int) rate, blockAlign, bits,
                    fmt, dataOffset, dataSize, factFrames, fileSize));
        } else {
            throw bad(path, "unsupported WAV encoding: format tag 0x" + Integer.toHexString(formatTag)
                    + " (" + tagName(formatTag) + "); integer PCM, IEEE float, mu-law, A-law, IMA and MS ADPCM are supported");
        }
        int bytesPerSample = (bits + 7) / 8;
        if (blockAlign != channels * bytesPerSample) {
            throw bad(path, "corrupt WAV header: block align " + blockAlign + " does not fit " + channels
                    + " channel(s) of " + bits + " bits");
        }
        if (dataOffset < 0) {
            throw bad(path, "truncated or corrupt WAV: no data chunk (header only?)");
        }
        long available = fileSize - dataOffset;
        if (dataSize > available) {
            throw bad(path, "truncated or corrupt WAV: the data chunk declares " + dataSize + " bytes ("
                    + (dataSize / blockAlign) + " frames) but the file holds only " + Math.max(0, available)
                    + " bytes of it");
        }
        long frames = dataSize / blockAlign;
        if (frames == 0) {
            throw bad(path, "no audio: the WAV data chunk is empty (header only)");
        }
        AudioFileInfo info = new AudioFileInfo(path, "WAV", encoding, (int) rate, channels, bits, frames,
                frames / (double) rate);
        PcmDecoder conv = new PcmDecoder(kind, 8 * bytesPerSample, channels, false);
        return new WavDecoder(path, ch, conv, info, dataOffset);
    }

    @Override
    public int read(float[] mono, int offset, int length) throws IOException {
        if (coded != null) {
            return coded.read(mono, offset, length);
        }
        if (framesDone >= frames) {
            return -1;
        }
        int frameBytes = converter.frameBytes();
        int n = (int) Math.min(Math.min(length, frames - framesDone), buffer.capacity() / frameBytes);
        if (n == 0) {
            return 0;
        }
        buffer.clear().limit(n * frameBytes);
        long at = dataOffset + framesDone * frameBytes;
        while (buffer.hasRemaining()) {
            int r = channel.read(buffer, at + buffer.position());
            if (r < 0) {
                throw bad(path, "truncated WAV: the file ended at " + (at + buffer.position()) + " bytes");
            }
        }
        converter.decode(buffer.array(), 0, n * frameBytes, mono, offset);
        int badFrame = PcmDecoder.firstNonFinite(mono, offset, n);
        if (badFrame >= 0) {
            long frame = framesDone + badFrame;
            throw bad(path, String.format(java.util.Locale.ROOT,
                    "invalid audio: NaN or infinite sample at frame %d (%.3f s)", frame, frame / (double) sampleRateHz));
        }
        framesDone += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at, Path path, String what) throws IOException {
        b.clear();
        while (b.hasRemaining()) {
            int r = ch.read(b, at + b.position());
            if (r < 0) {
                throw bad(path, "truncated WAV: the file ends inside the " + what);
            }
        }
    }

    private static String fourcc(ByteBuffer b, int at) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) (b.get(at + i) & 0xff);
        }
        return new String(c);
    }

    private static String tagName(int tag) {
        switch (tag) {
            case 2: return "ADPCM";
            case 6: return "A-law";
            case 7: return "mu-law";
            case 0x11: return "IMA ADPCM";
            case 0x55: return "MPEG layer 3";
            default: return "unknown";
        }
    }

    private static BadInputException bad(Path path, String problem) {
        return AudioReader.bad(path, problem);
    }
}
