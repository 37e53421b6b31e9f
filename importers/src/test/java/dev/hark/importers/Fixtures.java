package dev.hark.importers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Shared test data (../shared through the system property hark.shared.dir) and small file helpers. */
public final class Fixtures {
    /** The reduced VGGish with random weights, as a PyTorch >= 1.6 zip and as a legacy single stream. */
    public static final Path MINI_ZIP = vggishTesting().resolve("vggish_mini_random.pth");
    public static final Path MINI_LEGACY = vggishTesting().resolve("vggish_mini_random_legacy.pth");

    private Fixtures() {
    }

    public static Path shared() {
        String p = System.getProperty("hark.shared.dir");
        if (p == null) {
            throw new IllegalStateException("system property hark.shared.dir is not set");
        }
        return Path.of(p);
    }

    public static Path vggishTesting() {
        return shared().resolve("models/vggish/testing");
    }

    public static float[] readF32(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    public static float[][] rows(float[] flat, int n, int d) {
        if (flat.length != n * d) {
            throw new IllegalArgumentException("expected " + n * d + " values, got " + flat.length);
        }
        float[][] r = new float[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * d, r[i], 0, d);
        }
        return r;
    }

    public static float[][][] patches(Path f, int n) throws IOException {
        float[] flat = readF32(f);
        float[][][] p = new float[n][96][64];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < 96; t++) {
                for (int b = 0; b < 64; b++) {
                    p[i][t][b] = flat[k++];
                }
            }
        }
        if (k != flat.length) {
            throw new IllegalArgumentException(f + ": expected " + k + " values, got " + flat.length);
        }
        return p;
    }

    /** Copies a zip archive, replacing the bytes of entries whose names end with {@code suffix}. */
    public static void rewriteZip(Path src, Path dst, String suffix, java.util.function.UnaryOperator<byte[]> edit)
            throws IOException {
        try (ZipFile in = new ZipFile(src.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(dst))) {
            for (var it = in.entries(); it.hasMoreElements();) {
                ZipEntry e = it.nextElement();
                byte[] data;
                try (InputStream is = in.getInputStream(e)) {
                    data = is.readAllBytes();
                }
                if (e.getName().endsWith(suffix)) {
                    data = edit.apply(data);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
    }

    /** Replaces every occurrence of {@code from} by {@code to} (same length) in {@code data}. */
    public static byte[] replaceAll(byte[] data, String from, String to) {
        byte[] f = from.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] t = to.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (f.length != t.length) {
            throw new IllegalArgumentException("replacement must keep the length");
        }
        byte[] r = data.clone();
        int count = 0;
        outer:
        for (int i = 0; i + f.length <= r.length; i++) {
            for (int j = 0; j < f.length; j++) {
                if (r[i + j] != f[j]) {
                    continue outer;
                }
            }
            System.arraycopy(t, 0, r, i, t.length);
            count++;
        }
        if (count == 0) {
            throw new IllegalArgumentException("'" + from + "' not found");
        }
        return r;
    }

    /** A protocol-2 pickle that calls {@code module.name(arg)}: what a malicious .pth would contain. */
    public static byte[] pickleCalling(String module, String name, String arg) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x80);
        b.write(2); // PROTO 2
        b.write('c'); // GLOBAL
        b.writeBytes((module + "\n" + name + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] s = arg.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        b.write('X'); // BINUNICODE
        b.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(s.length).array());
        b.writeBytes(s);
        b.write(0x85); // TUPLE1
        b.write('R'); // REDUCE
        b.write('.'); // STOP
        return b.toByteArray();
    }
}
