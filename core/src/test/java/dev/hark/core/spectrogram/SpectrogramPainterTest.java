package dev.hark.core.spectrogram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The painted image: its size, the colour of a cell where the axes say it is, and the event bars. */
class SpectrogramPainterTest {
    private static PooledSpectrogram ramp(int frames) {
        float[][] c = new float[frames][64];
        for (int i = 0; i < frames; i++) {
            for (int b = 0; b < 64; b++) {
                c[i][b] = -6 + (i == 250 && b == 20 ? 8 : 0); // one bright cell: frame 250, band 20
            }
        }
        return new PooledSpectrogram(c, 1, frames);
    }

    @Test
    void sizeAndBrightCellMatchTheLayout() {
        BufferedImage img = SpectrogramPainter.paint(ramp(500), "t", "s", "v", null);
        SpectrogramLayout l = new SpectrogramLayout(500, 0, 0);
        assertEquals(l.width(), img.getWidth());
        assertEquals(l.height(), img.getHeight());
        int x = (int) l.xForSeconds(2.50) + 1; // frame 250 spans 2.50-2.51 s: pixels 500 and 501 of the plot
        int y = (int) l.yForHz(MelAxis.centreHz(20));
        ColourScale scale = new ColourScale(-6, 2);
        assertEquals(scale.rgb(2), img.getRGB(x, y) & 0xffffff);
        assertEquals(scale.rgb(-6), img.getRGB(x + 2, y) & 0xffffff);
        assertEquals(scale.rgb(-6), img.getRGB(x, y + 5) & 0xffffff);
    }

    @Test
    void eventsGetOneRowEachAtTheirTimes() {
        List<EventSpan> events = List.of(new EventSpan("dog", 1.0, 2.0), new EventSpan("cat", 3.0, 4.0),
                new EventSpan("dog", 4.0, 4.5));
        BufferedImage img = SpectrogramPainter.paint(ramp(500), "t", "s", "v", events);
        int labelWidth = img.getWidth() - 1000 - SpectrogramLayout.RIGHT - 16;
        SpectrogramLayout l = new SpectrogramLayout(500, 2, labelWidth);
        assertEquals(l.height(), img.getHeight());
        int dogRow = l.rowTop(0) + SpectrogramLayout.ROW_HEIGHT / 2;
        int catRow = l.rowTop(1) + SpectrogramLayout.ROW_HEIGHT / 2;
        int bar = 0x1f6fb4;
        assertEquals(bar, img.getRGB((int) l.xForSeconds(1.5), dogRow) & 0xffffff);
        assertNotEquals(bar, img.getRGB((int) l.xForSeconds(3.5), dogRow) & 0xffffff);
        assertEquals(bar, img.getRGB((int) l.xForSeconds(3.5), catRow) & 0xffffff);
        assertEquals(bar, img.getRGB((int) l.xForSeconds(4.25), dogRow) & 0xffffff);
    }
}
