package dev.hark.core.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Streams a contiguous run of coded sample data from a file ({@code dataBytes} bytes at {@code dataOffset}) through
 * a {@link BlockCodec}, at most about 1 MiB at a time, so memory stays bounded however long the file. Used by the
 * AU and AIFF readers and by WAV's G.711 and ADPCM codings.
 */
final class BlockDecoder implements Decoder {
    private static final int READ_BYTES = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private final BlockCodec codec;
    private final long dataOffset;
    private final long dataBytes;
    private final long frames;
    private final int sampleRateHz;
    private final String format;
    private final ByteBuffer bytes;
    private final float[] decoded;
    private long bytesDone;
    private long framesDone;
    private int pending;
    private int pendingPos;

    /**
     * @param frames the frames to deliver (the header's count; at most what the data holds), -1 for all the data holds
     * @param format the container's name in messages ("AU", "AIFF", "WAV")
     */
    BlockDecoder(Path path, FileChannel channel, BlockCodec codec, long dataOffset, long dataBytes, long frames,
            int sampleRateHz, String format) {
        this.path = path;
        this.channel = channel;
        this.codec = codec;
        this.dataOffset = dataOffset;
        this.dataBytes = dataBytes;
        this.frames = frames;
        this.sampleRateHz = sampleRateHz;
        this.format = format;
        int blocks = Math.max(1, READ_BYTES / codec.blockBytes());
        this.bytes = ByteBuffer.allocate(blocks * codec.blockBytes());
        this.decoded = new float[blocks * codec.blockFrames()];
    }

    /** The frames in {@code dataBytes} bytes of this coding, counting a shorter last ADPCM block as far as it goes. */
    static long framesIn(long dataBytes, BlockCodec codec) {
        return dataBytes / codec.blockBytes() * codec.blockFrames();
    }

    @Override
    public int read(float[] mono, int offset, int length) throws IOException {
        if (pendingPos >= pending) {
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(length, pending - pendingPos);
        System.arraycopy(decoded, pendingPos, mono, offset, n);
        pendingPos += n;
        return n;
    }

    private boolean fill() throws IOException {
        while (true) {
            if ((frames >= 0 && framesDone >= frames) || bytesDone >= dataBytes) {
                return false;
            }
            int want = (int) Math.min(bytes.capacity(), dataBytes - bytesDone);
            bytes.clear().limit(want);
            long at = dataOffset + bytesDone;
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, at + bytes.position()) < 0) {
                    throw AudioReader.bad(path, "truncated " + format + ": the file ended at " + (at + bytes.position())
                            + " bytes");
                }
            }
            bytesDone += want;
            int n;
            try {
                n = codec.decode(bytes.array(), 0, want, decoded, 0);
            } catch (IllegalStateException e) {
                throw AudioReader.bad(path, "corrupt " + format + " data: " + e.getMessage(), e);
            }
            if (frames >= 0) {
                n = (int) Math.min(n, frames - framesDone);
            }
            int badFrame = PcmDecoder.firstNonFinite(decoded, 0, n);
            if (badFrame >= 0) {
                long frame = framesDone + badFrame;
                throw AudioReader.bad(path, String.format(Locale.ROOT,
                        "invalid audio: NaN or infinite sample at frame %d (%.3f s)", frame, frame / (double) sampleRateHz));
            }
            framesDone += n;
            pending = n;
            pendingPos = 0;
            if (n > 0) {
                return true;
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
