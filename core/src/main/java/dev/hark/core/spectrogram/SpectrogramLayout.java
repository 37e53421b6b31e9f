package dev.hark.core.spectrogram;

import dev.hark.core.frontend.FrontEndParams;

/**
 * The pixel geometry of a spectrogram image and the mappings of its axes: seconds to x, Hz to y, frame to x. The
 * plot spans {@code [0, frames x 0.01 s]} left to right (frame {@code i} drawn over {@code [0.01 i, 0.01 (i + 1))},
 * from its first sample) and the 64 mel bands bottom to top, {@value #BAND_PIXELS} pixels each. Under it: the time
 * axis, then one timeline row per label (if any). Positions are pixel edges as doubles; pixel {@code p} covers
 * {@code [p, p + 1)}.
 */
public final class SpectrogramLayout {
    /** The plot's width in pixels. */
    public static final int PLOT_WIDTH = 1000;
    /** Pixels per mel band. */
    public static final int BAND_PIXELS = 5;
    public static final int PLOT_HEIGHT = BAND_PIXELS * FrontEndParams.MEL_BANDS;
    static final int TOP = 50;
    static final int RIGHT = 110;
    static final int MIN_LEFT = 64;
    static final int AXIS_HEIGHT = 42;
    static final int ROW_HEIGHT = 18;
    static final int TIMELINE_GAP = 6;
    static final int BOTTOM = 12;

    private final long frames;
    private final int rows;
    private final int left;

    /**
     * @param frames frames on the time axis (at least 1)
     * @param rows timeline rows under the plot (0 for none)
     * @param labelWidth pixels the widest timeline label needs
     */
    public SpectrogramLayout(long frames, int rows, int labelWidth) {
        if (frames < 1 || rows < 0) {
            throw new IllegalArgumentException("frames " + frames + ", rows " + rows);
        }
        this.frames = frames;
        this.rows = rows;
        this.left = Math.max(MIN_LEFT, labelWidth + 16);
    }

    public int width() {
        return left + PLOT_WIDTH + RIGHT;
    }

    public int height() {
        return timelineTop() + (rows == 0 ? 0 : rows * ROW_HEIGHT + TIMELINE_GAP) + BOTTOM;
    }

    public int left() {
        return left;
    }

    public int top() {
        return TOP;
    }

    /** The y of the plot's bottom edge (band 0's lower edge). */
    public int plotBottom() {
        return TOP + PLOT_HEIGHT;
    }

    /** The y of the first timeline row. */
    public int timelineTop() {
        return plotBottom() + AXIS_HEIGHT;
    }

    public int rows() {
        return rows;
    }

    /** Seconds spanned by the plot. */
    public double durationSeconds() {
        return frames * FrontEndParams.FRAME_HOP_SECONDS;
    }

    /** The x of a time on the plot's axis. */
    public double xForSeconds(double seconds) {
        return left + PLOT_WIDTH * seconds / durationSeconds();
    }

    /** The x of frame coordinate {@code frame} (frame {@code i} starts at {@code i} and ends at {@code i + 1}). */
    public double xForFrame(double frame) {
        return left + PLOT_WIDTH * frame / frames;
    }

    /** The frame shown at pixel column {@code x} of the plot (its centre's frame), or -1 outside the plot. */
    public long frameAtPixel(int x) {
        if (x < left || x >= left + PLOT_WIDTH) {
            return -1;
        }
        return (long) Math.floor((x - left + 0.5) * frames / PLOT_WIDTH);
    }

    /** The y of a frequency on the mel axis. */
    public double yForHz(double hz) {
        return TOP + PLOT_HEIGHT * (1 - MelAxis.bandPosition(hz) / FrontEndParams.MEL_BANDS);
    }

    /** The mel band shown at pixel row {@code y} of the plot, or -1 outside it. */
    public int bandAtPixel(int y) {
        if (y < TOP || y >= plotBottom()) {
            return -1;
        }
        return (plotBottom() - 1 - y) / BAND_PIXELS;
    }

    /** The y of the top of timeline row {@code row}. */
    public int rowTop(int row) {
        return timelineTop() + TIMELINE_GAP / 2 + row * ROW_HEIGHT;
    }
}
