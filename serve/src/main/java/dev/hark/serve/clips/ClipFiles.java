package dev.hark.serve.clips;

import java.io.IOException;
import java.nio.file.Path;

/** Where clip files are written and deleted (the file system, or in tests one that fails as a full disk does). */
public interface ClipFiles {
    /** Writes 16 kHz mono samples as a 16-bit WAV file; returns its size in bytes. */
    long writeWav(Path file, float[] samples16k) throws IOException;

    void delete(Path file) throws IOException;

    /** The real file system, through {@link dev.hark.core.audio.WavWriter} (temporary file + rename). */
    ClipFiles DISK = new ClipFiles() {
        @Override
        public long writeWav(Path file, float[] samples16k) throws IOException {
            try {
                dev.hark.core.audio.WavWriter.writePcm16(file, samples16k, 16_000);
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            return java.nio.file.Files.size(file);
        }

        @Override
        public void delete(Path file) throws IOException {
            java.nio.file.Files.deleteIfExists(file);
        }
    };
}
