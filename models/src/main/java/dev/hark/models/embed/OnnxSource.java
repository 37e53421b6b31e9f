package dev.hark.models.embed;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An ONNX graph to load: a file (ONNX Runtime reads it itself, nothing on the Java heap) or bytes in memory
 * (a copy packed in the jar).
 *
 * @param path     the file, or {@code null}
 * @param bytes    the content, or {@code null}
 * @param location named in messages
 */
public record OnnxSource(Path path, byte[] bytes, String location) {
    public OnnxSource {
        if ((path == null) == (bytes == null)) {
            throw new IllegalArgumentException("exactly one of path and bytes");
        }
        Objects.requireNonNull(location, "location");
    }

    public static OnnxSource of(Path path) {
        return new OnnxSource(path, null, path.toString());
    }

    public static OnnxSource of(byte[] bytes, String location) {
        return new OnnxSource(null, bytes, location);
    }
}
