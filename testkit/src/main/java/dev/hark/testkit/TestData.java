package dev.hark.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test access to ../shared (system property hark.shared.dir, set by surefire) and its raw float32 files. */
public final class TestData {
    private TestData() {
    }

    public static Path shared() {
        String p = System.getProperty("hark.shared.dir");
        return Path.of(p == null ? "../../shared" : p);
    }

    public static Path yamnetDir() {
        return shared().resolve("models/yamnet");
    }

    /** Little-endian float32, row-major, as {@code [a][b]}. */
    public static float[][] f32(Path p, int a, int b) throws IOException {
        float[] flat = f32(p);
        if (flat.length != a * b) {
            throw new IOException(p + " holds " + flat.length + " floats, expected " + a + "x" + b);
        }
        float[][] out = new float[a][b];
        for (int i = 0; i < a; i++) {
            System.arraycopy(flat, i * b, out[i], 0, b);
        }
        return out;
    }

    /** Little-endian float32, row-major, as {@code [a][b][c]}. */
    public static float[][][] f32(Path p, int a, int b, int c) throws IOException {
        float[][] flat = f32(p, a, b * c);
        float[][][] out = new float[a][b][c];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(flat[i], j * c, out[i][j], 0, c);
            }
        }
        return out;
    }

    public static float[] f32(Path p) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bb.remaining() / 4];
        bb.asFloatBuffer().get(out);
        return out;
    }
}
