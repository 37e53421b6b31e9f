package dev.hark.models.catalog;

import dev.hark.errors.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a model file was found: a file on disk (read only when needed, hashed by streaming, so a 300 MB
 * VGGish graph never sits on the Java heap) or a copy packed in the jar (held in memory). Its SHA-256 is
 * computed on first use.
 */
public final class LocatedFile {
    private final ModelFile file;
    private final String location;
    private final Path path;
    private final byte[] bytes;
    private String sha256;

    private LocatedFile(ModelFile file, String location, Path path, byte[] bytes) {
        this.file = Objects.requireNonNull(file, "file");
        this.location = Objects.requireNonNull(location, "location");
        this.path = path;
        this.bytes = bytes;
    }

    /** A file on disk. */
    public static LocatedFile onDisk(ModelFile file, Path path) {
        return new LocatedFile(file, path.toString(), Objects.requireNonNull(path, "path"), null);
    }

    /** A copy held in memory (a jar resource), {@code location} e.g. {@code jar:dev/hark/models/yamnet/yamnet.onnx}. */
    public static LocatedFile inMemory(ModelFile file, String location, byte[] bytes) {
        return new LocatedFile(file, location, null, Objects.requireNonNull(bytes, "bytes"));
    }

    public ModelFile file() {
        return file;
    }

    /** Human-readable location: a path, or {@code jar:...} for a packed copy. */
    public String location() {
        return location;
    }

    /** The file on disk, or {@code null} for a packed copy. */
    public Path path() {
        return path;
    }

    /** The content (read from disk on each call for a file on disk; never write the array). */
    public byte[] bytes() {
        return bytes != null ? bytes : ModelLocator.readFile(path);
    }

    /** The content's SHA-256 (lower-case hex), computed once. */
    public synchronized String sha256() {
        if (sha256 == null) {
            if (bytes != null) {
                sha256 = Sha256.of(bytes);
            } else {
                try (InputStream in = Files.newInputStream(path)) {
                    sha256 = Sha256.of(in);
                } catch (IOException e) {
                    throw new ModelException("cannot read model file " + path + ": " + e.getMessage(), e);
                }
            }
        }
        return sha256;
    }

    /** True when the catalogue pins no checksum or the content matches it. */
    public boolean intact() {
        return !file.pinned() || file.sha256().equals(sha256());
    }
}
