package dev.hark.core.audio;

import dev.hark.core.io.AtomicFile;
import dev.hark.core.io.IoFailures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes mono WAV files atomically (through an {@link AtomicFile}), so a reader never sees a half-written file.
 */
public final class WavWriter {
    private WavWriter() {
    }

    /** Writes 16-bit PCM: samples scaled by 32768, rounded and clipped to [-32768, 32767] (NaN becomes 0). */
    public static void writePcm16(Path path, float[] samples, int sampleRateHz) {
        write(path, samples, sampleRateHz, false);
    }

    /** Writes 32-bit IEEE float samples exactly as given. */
    public static void writeFloat32(Path path, float[] samples, int sampleRateHz) {
        write(path, samples, sampleRateHz, true);
    }

    private static void write(Path path, float[] samples, int sampleRateHz, boolean asFloat) {
        if (sampleRateHz <= 0) {
            throw new IllegalArgumentException("sampleRateHz must be positive: " + sampleRateHz);
        }
        int bytesPerSample = asFloat ? 4 : 2;
        long dataBytes = (long) samples.length * bytesPerSample;
        if (dataBytes > 0xffffffffL - 64) {
            throw new IllegalArgumentException("too many samples for a WAV file: " + samples.length);
        }
        try {
            AtomicFile.write(path, out -> {
                out.write(header(sampleRateHz, bytesPerSample, asFloat, samples.length));
                ByteBuffer b = ByteBuffer.allocate(8192).order(ByteOrder.LITTLE_ENDIAN);
                for (float s : samples) {
                    if (!b.hasRemaining()) {
                        out.write(b.array(), 0, b.position());
                        b.clear();
                    }
                    if (asFloat) {
                        b.putFloat(s);
                    } else {
                        long q = Float.isNaN(s) ? 0 : Math.round(s * 32768.0);
                        b.putShort((short) Math.max(-32768, Math.min(32767, q)));
                    }
                }
                out.write(b.array(), 0, b.position());
                if ((dataBytes & 1) != 0) {
                    out.write(0);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + IoFailures.reason(e), e);
        }
    }

    private static byte[] header(int rate, int bytesPerSample, boolean asFloat, int frames) {
        int fmtSize = asFloat ? 18 : 16;
        int dataBytes = frames * bytesPerSample;
        int factSize = asFloat ? 12 : 0;
        int riffSize = 4 + (8 + fmtSize) + factSize + 8 + dataBytes + (dataBytes & 1);
        ByteBuffer h = ByteBuffer.allocate(12 + 8 + fmtSize + factSize + 8).order(ByteOrder.LITTLE_ENDIAN);
        h.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(riffSize).put(new byte[] {'W', 'A', 'V', 'E'});
        h.put(new byte[] {'f', 'm', 't', ' '}).putInt(fmtSize);
        h.putShort((short) (asFloat ? 3 : 1)).putShort((short) 1).putInt(rate).putInt(rate * bytesPerSample)
                .putShort((short) bytesPerSample).putShort((short) (8 * bytesPerSample));
        if (asFloat) {
            h.putShort((short) 0);
            h.put(new byte[] {'f', 'a', 'c', 't'}).putInt(4).putInt(frames);
        }
        h.put(new byte[] {'d', 'a', 't', 'a'}).putInt(dataBytes);
        return h.array();
    }
}
