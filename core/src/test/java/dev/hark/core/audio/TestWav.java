package dev.hark.core.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds WAV files of every variant byte by byte, independently of the reader under test. */
final class TestWav {
    static final int PCM = 1;
    static final int FLOAT = 3;

    int formatTag = PCM;
    boolean extensible;
    int channels = 1;
    int rateHz = 16000;
    int bits = 16;
    Integer blockAlignOverride;
    Long dataSizeOverride;
    boolean listChunkBefore;
    boolean oddChunkAfter;

    /** Interleaved samples in [-1, 1] (or raw values for floats), encoded as configured. */
    byte[] build(double[] interleaved) {
        int bps = (bits + 7) / 8;
        ByteBuffer data = ByteBuffer.allocate(interleaved.length * bps).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : interleaved) {
            encode(data, v, bps);
        }
        return buildRaw(data.array());
    }

    private void encode(ByteBuffer b, double v, int bps) {
        if (formatTag == FLOAT) {
            if (bits == 32) {
                b.putFloat((float) v);
            } else {
                b.putDouble(v);
            }
            return;
        }
        switch (bits) {
            case 8 -> b.put((byte) (Math.max(0, Math.min(255, Math.round(v * 128) + 128))));
            case 16 -> b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32768))));
            case 24 -> {
                int s = (int) Math.max(-8388608, Math.min(8388607, Math.round(v * 8388608)));
                b.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
            }
            case 32 -> b.putInt((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round(v * 2147483648.0))));
            default -> throw new IllegalArgumentException("bits " + bits);
        }
    }

    byte[] buildRaw(byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int bps = (bits + 7) / 8;
            int blockAlign = blockAlignOverride != null ? blockAlignOverride : channels * bps;
            out.write("RIFF".getBytes());
            out.write(le32(0)); // size patched below
            out.write("WAVE".getBytes());
            if (listChunkBefore) {
                byte[] list = "INFOISFT\u0005\0\0\0hark\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                out.write("LIST".getBytes());
                out.write(le32(list.length - 1)); // odd size: one pad byte follows
                out.write(list, 0, list.length - 1);
                out.write(0);
            }
            ByteBuffer fmt = ByteBuffer.allocate(extensible ? 40 : 16).order(ByteOrder.LITTLE_ENDIAN);
            fmt.putShort((short) (extensible ? 0xFFFE : formatTag)).putShort((short) channels).putInt(rateHz)
                    .putInt(rateHz * blockAlign).putShort((short) blockAlign).putShort((short) bits);
            if (extensible) {
                fmt.putShort((short) 22).putShort((short) bits).putInt(channels == 2 ? 3 : 0)
                        .putShort((short) formatTag)
                        .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
            }
            out.write("fmt ".getBytes());
            out.write(le32(fmt.capacity()));
            out.write(fmt.array());
            if (oddChunkAfter) {
                out.write("junk".getBytes());
                out.write(le32(3));
                out.write(new byte[] {1, 2, 3, 0});
            }
            out.write("data".getBytes());
            out.write(le32(dataSizeOverride != null ? dataSizeOverride : data.length));
            out.write(data);
            if ((data.length & 1) != 0) {
                out.write(0);
            }
            byte[] all = out.toByteArray();
            ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putInt(4, all.length - 8);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path write(Path file, double[] interleaved) {
        try {
            return Files.write(file, build(interleaved));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    static double[] sine(double freqHz, double rateHz, int n, double amplitude) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * freqHz * i / rateHz);
        }
        return x;
    }

    static float[] readAll(AudioReader r, int block) {
        float[] out = new float[1024];
        int len = 0;
        float[] b = new float[block];
        int n;
        while ((n = r.read(b, 0, block)) >= 0) {
            if (len + n > out.length) {
                out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, len + n));
            }
            System.arraycopy(b, 0, out, len, n);
            len += n;
        }
        return java.util.Arrays.copyOf(out, len);
    }
}
