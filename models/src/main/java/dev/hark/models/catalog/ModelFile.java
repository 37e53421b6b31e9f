package dev.hark.models.catalog;

import java.util.Objects;

/**
 * One file of a known model.
 *
 * @param fileName     name of the file, e.g. {@code yamnet.onnx}
 * @param sha256       expected lower-case hex SHA-256, or {@code null} when the file is the user's own
 *                     (an imported VGGish graph), so only its presence can be checked
 * @param required     whether the model cannot run without it
 * @param howToGet     one sentence telling a user how to obtain the file
 */
public record ModelFile(String fileName, String sha256, boolean required, String howToGet) {
    public ModelFile {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(howToGet, "howToGet");
        if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 of " + fileName + " is not 64 lower-case hex digits: " + sha256);
        }
    }

    /** Whether the catalogue pins this file's content. */
    public boolean pinned() {
        return sha256 != null;
    }
}
