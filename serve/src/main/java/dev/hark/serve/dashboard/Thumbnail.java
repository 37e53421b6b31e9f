package dev.hark.serve.dashboard;

import dev.hark.core.audio.AudioFiles;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.core.frontend.FrontEndVariant;
import dev.hark.core.frontend.StreamingLogMel;
import dev.hark.core.spectrogram.ColourScale;
import dev.hark.core.spectrogram.ColumnPooler;
import dev.hark.core.spectrogram.PooledSpectrogram;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * An event's spectrogram thumbnail for the dashboard's event list: its clip through Hark's log-mel front end
 * (YAMNet's variant), pooled to at most {@value #MAX_COLUMNS} columns (the maximum of the frames each covers), one
 * pixel per column and band, lowest band at the bottom, in the colours and the fixed range of the live view
 * ({@link FrameFeed#LOW} to {@link FrameFeed#HIGH}), as PNG.
 */
public final class Thumbnail {
    public static final int MAX_COLUMNS = 160;

    private Thumbnail() {
    }

    /** The PNG of the clip {@code wav}; BadInputException when it cannot be read. */
    public static byte[] png(Path wav) throws IOException {
        float[] x = AudioFiles.readMono16k(wav);
        ColumnPooler pool = new ColumnPooler(MAX_COLUMNS);
        new StreamingLogMel(FrontEndVariant.YAMNET, pool).accept(x);
        return png(pool.result());
    }

    /** The PNG of pooled columns (an image 1 pixel wide and 64 high when there are none). */
    static byte[] png(PooledSpectrogram s) throws IOException {
        int w = Math.max(1, s.columns().length);
        int h = FrontEndParams.MEL_BANDS;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        ColourScale colours = new ColourScale(FrameFeed.LOW, FrameFeed.HIGH);
        for (int c = 0; c < s.columns().length; c++) {
            float[] col = s.columns()[c];
            for (int b = 0; b < h; b++) {
                img.setRGB(c, h - 1 - b, colours.rgb(col[b]));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        return out.toByteArray();
    }
}
