package dev.hark.core.spectrogram;

/**
 * Maps a value in {@code [low, high]} to a colour from dark blue through purple and orange to pale yellow,
 * interpolated linearly between five hand-picked anchors (monotone in brightness, so it reads in grey too).
 */
public final class ColourScale {
    private static final int[][] ANCHORS = {
        {8, 8, 32}, {72, 20, 112}, {176, 44, 96}, {240, 124, 40}, {252, 240, 160}};
    private final double low;
    private final double high;

    public ColourScale(double low, double high) {
        this.low = low;
        this.high = high > low ? high : low + 1;
    }

    public double low() {
        return low;
    }

    public double high() {
        return high;
    }

    /** The 0xRRGGBB colour of {@code value}, clamped to the scale's ends. */
    public int rgb(double value) {
        double t = Math.max(0, Math.min(1, (value - low) / (high - low)));
        return rgbAt(t);
    }

    /** The colour at a fraction {@code t} in {@code [0, 1]} of the scale. */
    static int rgbAt(double t) {
        double p = t * (ANCHORS.length - 1);
        int i = Math.min(ANCHORS.length - 2, (int) Math.floor(p));
        double f = p - i;
        int rgb = 0;
        for (int ch = 0; ch < 3; ch++) {
            int v = (int) Math.round(ANCHORS[i][ch] + f * (ANCHORS[i + 1][ch] - ANCHORS[i][ch]));
            rgb = rgb << 8 | v;
        }
        return rgb;
    }
}
