package dev.hark.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Test access to {@code ../shared} (models, golden data, data sets) and its raw float32 files: the one place tests
 * find it. Surefire sets the system property {@value #PROPERTY} (the parent pom: {@code ../shared} beside the
 * project root); run from a module directory without it (an IDE), the same place is {@code ../../shared}.
 */
public final class TestData {
    /** The system property naming the shared directory. */
    public static final String PROPERTY = "hark.shared.dir";

    private TestData() {
    }

    /** The shared directory. */
    public static Path shared() {
        String p = System.getProperty(PROPERTY);
        return Path.of(p == null ? "../../shared" : p);
    }

    /** A path inside the shared directory, e.g. {@code shared("datasets/esc50-dev")}. */
    public static Path shared(String relative) {
        return shared().resolve(relative);
    }

    /** ESC-50's dog clip, the example input of the README. */
    public static Path dogClip() {
        return shared("datasets/esc50-dev/audio/1-100032-A-0.ogg");
    }

    /** Skips the calling test unless {@code relative} exists in the shared directory (a data set not everyone has). */
    public static Path assumePresent(String relative) {
        Path p = shared(relative);
        Assumptions.assumeTrue(Files.exists(p), p + " is not there");
        return p;
    }

    public static Path yamnetDir() {
        return shared("models/yamnet");
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
