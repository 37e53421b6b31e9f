package dev.hark.models.train;

import dev.hark.core.audio.AudioFiles;
import dev.hark.models.catalog.Sha256;
import dev.hark.models.head.FeatureSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Per-file feature cache on disk. An entry's key is the sha256 of: the audio file's content sha256, the feature
 * settings (model name and model sha256, front-end variant, hop, dimension), the version of the decoded samples
 * ({@link AudioFiles#SAMPLES_VERSION}) and a format version; so a changed file, model, decoder or front end never
 * hits a stale entry, and a moved or renamed file still hits. Entries are written
 * to a temporary file and renamed, so concurrent runs and crashes never leave a half-written entry. A corrupt
 * entry reads as a miss. Thread-safe.
 *
 * <p>Location: the system property {@value #PROPERTY}, else the environment variable {@value #ENVIRONMENT},
 * else {@code ~/.hark/cache}.
 */
public final class EmbeddingCache {
    public static final String PROPERTY = "hark.cache.dir";
    public static final String ENVIRONMENT = "HARK_CACHE_DIR";
    private static final int FORMAT = 2;
    private static final int MAGIC = 0x48524b45; // "HRKE"

    private final Path dir;

    public EmbeddingCache(Path dir) {
        this.dir = dir;
    }

    /** The cache directory from the property, the environment, or {@code ~/.hark/cache}. */
    public static Path defaultDir() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(ENVIRONMENT);
        }
        if (p == null || p.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".hark", "cache");
        }
        return Path.of(p);
    }

    public Path dir() {
        return dir;
    }

    /** The key of one file's features: hex sha256 over the content hash and the settings. */
    public static String key(String contentSha256, FeatureSettings s) {
        String text = "hark-features/" + FORMAT + "|samples/" + AudioFiles.SAMPLES_VERSION + "|" + contentSha256 + "|"
                + s.model() + "|" + s.modelSha256() + "|" + s.frontEnd() + "|" + s.hopFrames() + "|" + s.dimension();
        return Sha256.of(text.getBytes(StandardCharsets.UTF_8));
    }

    private Path fileOf(String key) {
        return dir.resolve(key.substring(0, 2)).resolve(key + ".f32");
    }

    /** The cached patch features {@code [P][D]} under {@code key}, if present and intact. */
    public Optional<float[][]> get(String key, int dimension) {
        Path f = fileOf(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || b.getInt() != MAGIC) {
            return Optional.empty();
        }
        int rows = b.getInt();
        int cols = b.getInt();
        if (cols != dimension || rows < 1 || bytes.length != 12 + 4L * rows * cols) {
            return Optional.empty();
        }
        float[][] out = new float[rows][cols];
        for (float[] r : out) {
            b.asFloatBuffer().get(r);
            b.position(b.position() + 4 * cols);
        }
        return Optional.of(out);
    }

    /** Stores {@code patches [P][D]} under {@code key} (atomically; an I/O failure is reported, never fatal). */
    public void put(String key, float[][] patches) throws IOException {
        Path f = fileOf(key);
        Files.createDirectories(f.getParent());
        int cols = patches[0].length;
        ByteBuffer b = ByteBuffer.allocate(12 + 4 * patches.length * cols).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(patches.length).putInt(cols);
        for (float[] r : patches) {
            for (float v : r) {
                b.putFloat(v);
            }
        }
        AtomicFiles.write(f, b.array());
    }
}
