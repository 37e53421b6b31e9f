package dev.hark.core.spectrogram;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a {@link PooledSpectrogram} with Java2D: the title, the log-mel image (time in seconds across, frequency
 * in Hz up, ticks at their true mel positions), a colour bar of the values, and optionally one timeline row per
 * event label with the events' spans.
 */
public final class SpectrogramPainter {
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color INK = new Color(0x222222);
    private static final Color GRID = new Color(0xdddddd);
    private static final Color ROW_SHADE = new Color(0xf2f2f2);
    private static final Color EVENT = new Color(0x1f6fb4);
    private static final int TICK = 5;

    private SpectrogramPainter() {
    }

    /**
     * The picture.
     *
     * @param spectrogram the columns (at least one frame)
     * @param title the first title line (the file's name)
     * @param subtitle the second title line (variant, duration, pooling)
     * @param valueName what the colours show, e.g. {@code log(mel + 0.001)}
     * @param events the spans to draw under the plot, or {@code null} for no timeline; rows follow first appearance
     */
    public static BufferedImage paint(PooledSpectrogram spectrogram, String title, String subtitle, String valueName,
            List<EventSpan> events) {
        if (spectrogram.frames() < 1) {
            throw new IllegalArgumentException("nothing to draw: no frames");
        }
        Map<String, List<EventSpan>> rows = events == null ? null : rows(events);
        List<String> names = rows == null ? List.of() : new ArrayList<>(rows.keySet());
        if (rows != null && names.isEmpty()) {
            names = List.of("(no events)");
        }
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(TEXT);
        int labelWidth = 0;
        for (String n : names) {
            labelWidth = Math.max(labelWidth, fm.stringWidth(n));
        }
        pg.dispose();
        SpectrogramLayout layout = new SpectrogramLayout(spectrogram.frames(), names.size(), labelWidth);
        BufferedImage img = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            float[] range = spectrogram.range();
            ColourScale scale = new ColourScale(Math.floor(range[0]), Math.ceil(range[1]));
            pixels(img, spectrogram, layout, scale);
            titles(g, layout, title, subtitle);
            frequencyAxis(g, layout);
            timeAxis(g, layout);
            colourBar(g, img, layout, scale, valueName);
            if (rows != null) {
                timeline(g, layout, names, rows);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The spans grouped by label, labels in order of first appearance. */
    static Map<String, List<EventSpan>> rows(List<EventSpan> events) {
        Map<String, List<EventSpan>> rows = new LinkedHashMap<>();
        for (EventSpan e : events) {
            rows.computeIfAbsent(e.label(), k -> new ArrayList<>()).add(e);
        }
        return rows;
    }

    private static void pixels(BufferedImage img, PooledSpectrogram s, SpectrogramLayout l, ColourScale scale) {
        float[][] columns = s.columns();
        for (int x = l.left(); x < l.left() + SpectrogramLayout.PLOT_WIDTH; x++) {
            int c = (int) Math.min(columns.length - 1, l.frameAtPixel(x) / s.framesPerColumn());
            for (int y = l.top(); y < l.plotBottom(); y++) {
                img.setRGB(x, y, scale.rgb(columns[c][l.bandAtPixel(y)]));
            }
        }
    }

    private static void titles(Graphics2D g, SpectrogramLayout l, String title, String subtitle) {
        g.setColor(INK);
        g.setFont(TITLE);
        g.drawString(title, l.left(), 20);
        g.setFont(TEXT);
        g.drawString(subtitle, l.left(), 38);
    }

    private static void frequencyAxis(Graphics2D g, SpectrogramLayout l) {
        g.setFont(TEXT);
        FontMetrics fm = g.getFontMetrics();
        g.setColor(INK);
        for (double hz : Ticks.hz()) {
            int y = (int) Math.round(l.yForHz(hz));
            g.drawLine(l.left() - TICK, y, l.left() - 1, y);
            String s = Ticks.hzLabel(hz);
            g.drawString(s, l.left() - TICK - 3 - fm.stringWidth(s), y + fm.getAscent() / 2 - 1);
        }
        drawRotated(g, "Hz (mel scale)", l.left() - 44, l.top() + SpectrogramLayout.PLOT_HEIGHT / 2);
        g.drawRect(l.left() - 1, l.top() - 1, SpectrogramLayout.PLOT_WIDTH + 1, SpectrogramLayout.PLOT_HEIGHT + 1);
    }

    private static void drawRotated(Graphics2D g, String s, int x, int yCentre) {
        Graphics2D r = (Graphics2D) g.create();
        try {
            r.translate(x, yCentre + r.getFontMetrics().stringWidth(s) / 2);
            r.rotate(-Math.PI / 2);
            r.drawString(s, 0, 0);
        } finally {
            r.dispose();
        }
    }

    private static void timeAxis(Graphics2D g, SpectrogramLayout l) {
        g.setFont(TEXT);
        FontMetrics fm = g.getFontMetrics();
        double step = Ticks.secondsStep(l.durationSeconds(), 10);
        int bottom = l.plotBottom();
        for (double t : Ticks.seconds(l.durationSeconds(), step)) {
            int x = (int) Math.round(l.xForSeconds(t));
            x = Math.min(x, l.left() + SpectrogramLayout.PLOT_WIDTH);
            g.setColor(INK);
            g.drawLine(x, bottom, x, bottom + TICK);
            String s = Ticks.secondsLabel(t, step);
            g.drawString(s, x - fm.stringWidth(s) / 2, bottom + TICK + fm.getAscent() + 1);
            if (l.rows() > 0) {
                g.setColor(GRID);
                g.drawLine(x, l.rowTop(0), x, l.rowTop(l.rows()) - 1);
            }
        }
        g.setColor(INK);
        String unit = step >= 60 ? "time (min:s)" : "time (s)";
        g.drawString(unit, l.left() + SpectrogramLayout.PLOT_WIDTH - fm.stringWidth(unit),
                bottom + TICK + 2 * fm.getHeight() + 1);
    }

    private static void colourBar(Graphics2D g, BufferedImage img, SpectrogramLayout l, ColourScale scale,
            String valueName) {
        int x0 = l.left() + SpectrogramLayout.PLOT_WIDTH + 14;
        int w = 14;
        int h = SpectrogramLayout.PLOT_HEIGHT;
        for (int y = 0; y < h; y++) {
            int rgb = ColourScale.rgbAt(1 - (y + 0.5) / h);
            for (int x = x0; x < x0 + w; x++) {
                img.setRGB(x, l.top() + y, rgb);
            }
        }
        g.setColor(INK);
        g.drawRect(x0 - 1, l.top() - 1, w + 1, h + 1);
        g.setFont(TEXT);
        FontMetrics fm = g.getFontMetrics();
        double span = scale.high() - scale.low();
        double step = span <= 5 ? 1 : span <= 12 ? 2 : span <= 25 ? 5 : Math.ceil(span / 5);
        for (double v = Math.ceil(scale.low() / step) * step; v <= scale.high() + 1e-9; v += step) {
            int y = (int) Math.round(l.top() + h * (1 - (v - scale.low()) / span));
            g.drawLine(x0 + w, y, x0 + w + 3, y);
            g.drawString(String.format(Locale.ROOT, "%.0f", v), x0 + w + 6, y + fm.getAscent() / 2 - 1);
        }
        drawRotated(g, valueName, x0 + w + 44, l.top() + h / 2);
    }

    private static void timeline(Graphics2D g, SpectrogramLayout l, List<String> names,
            Map<String, List<EventSpan>> rows) {
        g.setFont(TEXT);
        FontMetrics fm = g.getFontMetrics();
        int right = l.left() + SpectrogramLayout.PLOT_WIDTH;
        for (int r = 0; r < names.size(); r++) {
            int y = l.rowTop(r);
            if (r % 2 == 0) {
                g.setColor(ROW_SHADE);
                g.fillRect(l.left(), y, SpectrogramLayout.PLOT_WIDTH, SpectrogramLayout.ROW_HEIGHT);
            }
            g.setColor(INK);
            String name = names.get(r);
            g.drawString(name, l.left() - 8 - fm.stringWidth(name), y + SpectrogramLayout.ROW_HEIGHT / 2 + fm.getAscent() / 2 - 1);
            g.setColor(EVENT);
            for (EventSpan e : rows.getOrDefault(name, List.of())) {
                int x0 = (int) Math.round(Math.max(l.left(), l.xForSeconds(e.startSeconds())));
                int x1 = (int) Math.round(Math.min(right, l.xForSeconds(e.endSeconds())));
                g.fillRect(x0, y + 3, Math.max(2, x1 - x0), SpectrogramLayout.ROW_HEIGHT - 6);
            }
        }
        g.setColor(INK);
        g.setStroke(new BasicStroke(1));
        g.drawRect(l.left() - 1, l.rowTop(0) - 1, SpectrogramLayout.PLOT_WIDTH + 1, names.size() * SpectrogramLayout.ROW_HEIGHT + 1);
    }
}
