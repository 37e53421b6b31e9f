package dev.hark.serve.mqtt;

/**
 * The sound level of the audio, one value per {@code intervalSamples} of it: the RMS in dB relative to full scale
 * (a square wave of amplitude 1 is 0 dBFS, a full-scale sine -3 dBFS), floored at {@value #FLOOR_DBFS}, to 0.1 dB.
 * Rate-limited by construction: one value per interval of audio, however fast the audio comes. Used by one thread.
 */
final class LevelMeter {
    static final double FLOOR_DBFS = -120;
    private final long intervalSamples;
    private double sumSquares;
    private long count;

    LevelMeter(long intervalSamples) {
        if (intervalSamples < 1) {
            throw new IllegalArgumentException("level interval must be positive: " + intervalSamples);
        }
        this.intervalSamples = intervalSamples;
    }

    /** Adds samples; returns the level when an interval was completed (NaN otherwise). */
    double add(float[] samples, int off, int len) {
        double level = Double.NaN;
        for (int i = off; i < off + len; i++) {
            double s = samples[i];
            sumSquares += s * s;
            if (++count == intervalSamples) {
                level = dbfs(sumSquares / count);
                sumSquares = 0;
                count = 0;
            }
        }
        return level;
    }

    static double dbfs(double meanSquare) {
        double db = meanSquare > 0 ? 10 * Math.log10(meanSquare) : FLOOR_DBFS;
        return Math.round(Math.max(FLOOR_DBFS, db) * 10) / 10.0;
    }
}
