package dev.hark.models.catalog;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a model file was found and what its content is.
 *
 * @param file     the catalogue entry
 * @param location human-readable location (a path, or {@code jar:dev/hark/models/...} for a packed copy)
 * @param path     the file on disk, or {@code null} for a packed copy
 * @param bytes    the file's content (never written after construction)
 * @param sha256   the content's SHA-256
 */
public record LocatedFile(ModelFile file, String location, Path path, byte[] bytes, String sha256) {
    public LocatedFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** True when the catalogue pins no checksum or the content matches it. */
    public boolean intact() {
        return !file.pinned() || file.sha256().equals(sha256);
    }
}
