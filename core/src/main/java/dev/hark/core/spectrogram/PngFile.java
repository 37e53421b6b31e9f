package dev.hark.core.spectrogram;

import dev.hark.core.io.AtomicFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes an image as PNG through {@link AtomicFile}: the file appears only when complete. */
public final class PngFile {
    private PngFile() {
    }

    public static void write(Path target, BufferedImage image) throws IOException {
        AtomicFile.write(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
    }
}
