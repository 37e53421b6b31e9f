package dev.hark.models.catalog;

import dev.hark.errors.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a model file was found: a file on disk (read only when needed, hashed by streaming, so a 300 MB
 * VGGish graph never sits on the Java heap) or a copy packed in the jar (held in memory, or unpacked beside the
 * jar: {@link PackedCopy}). Its SHA-256 is computed on first use.
 */
public final class LocatedFile {
    private final ModelFile file;
    private final String location;
    private final Path path;
    private final byte[] bytes;
    /** The CRC-32 the jar recorded for its packed copy of this content, or -1 for any other file. */
    private final long packedCrc;
    private String sha256;
    private long crc32 = -1;

    private LocatedFile(ModelFile file, String location, Path path, byte[] bytes, long packedCrc) {
        this.file = Objects.requireNonNull(file, "file");
        this.location = Objects.requireNonNull(location, "location");
        this.path = path;
        this.bytes = bytes;
        this.packedCrc = packedCrc;
    }

    /** A file on disk. */
    public static LocatedFile onDisk(ModelFile file, Path path) {
        return new LocatedFile(file, path.toString(), Objects.requireNonNull(path, "path"), null, -1);
    }

    /** A copy held in memory (a jar resource), {@code location} e.g. {@code jar:dev/hark/models/yamnet/yamnet.onnx}. */
    public static LocatedFile inMemory(ModelFile file, String location, byte[] bytes) {
        return new LocatedFile(file, location, null, Objects.requireNonNull(bytes, "bytes"), -1);
    }

    /** Hark's packed copy read out of its jar, whose entry recorded {@code crc}. */
    static LocatedFile packedCopy(ModelFile file, String location, byte[] bytes, long crc) {
        return new LocatedFile(file, location, null, Objects.requireNonNull(bytes, "bytes"), crc);
    }

    /**
     * Hark's packed copy unpacked beside its jar, whose entry recorded {@code crc} ({@code location} the entry) and
     * whose content was just found to have that CRC-32 ({@link Crc32#sameAsEntry}).
     */
    static LocatedFile packedCopy(ModelFile file, String location, Path unpacked, long crc) {
        LocatedFile f = new LocatedFile(file, location, Objects.requireNonNull(unpacked, "unpacked"), null, crc);
        f.crc32 = crc;
        return f;
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

    /** The content's CRC-32, computed once (a file on disk is mapped, not read onto the heap). */
    synchronized long crc32() {
        if (crc32 < 0) {
            if (bytes != null) {
                crc32 = Crc32.of(bytes);
            } else {
                try {
                    crc32 = Crc32.of(path);
                } catch (IOException | UncheckedIOException e) {
                    throw new ModelException("cannot read model file " + path + ": " + e.getMessage(), e);
                }
            }
        }
        return crc32;
    }

    /** True when the catalogue pins no checksum or the content matches it. */
    public boolean intact() {
        return !file.pinned() || file.sha256().equals(sha256());
    }

    /**
     * Whether the content may be used: {@link #intact()}, except that Hark's own packed copy (read out of the jar,
     * or unpacked beside it) is taken on its CRC-32 matching the one the jar recorded for it. The build compared
     * that copy's SHA-256 with the catalogue's before packing it, and the CRC-32 (a few milliseconds) tells that
     * it arrived unharmed, where the SHA-256 of YAMNet's 15 MB would cost a cold {@code classify} a quarter of a
     * second of CPU under the client compiler. {@code hark models verify} still computes the SHA-256.
     */
    public boolean usable() {
        return packedCrc >= 0 && crc32() == packedCrc || intact();
    }
}
