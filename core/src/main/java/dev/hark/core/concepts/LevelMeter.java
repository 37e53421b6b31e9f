package dev.hark.core.concepts;


/**
 * The sound level of a 16 kHz stream in 10 ms frames (dBFS: mean square relative to a full-scale square wave),
 * and an adaptive noise floor: the floor drops at once to a quieter frame and rises by at most
 * {@link #FLOOR_RISE_DB_PER_SECOND} while the sound stays above it, so a steady hum becomes the floor while a
 * sound standing out of it does not. Frames are kept for the last {@link #KEEP_SECONDS} so that the level of a
 * window that ended recently can be asked for. Not thread-safe.
 */
public final class LevelMeter {
    public static final int FRAME_SAMPLES = 160;
    public static final double FLOOR_RISE_DB_PER_SECOND = 1.0;
    /** Level given to digital silence. */
    public static final double SILENCE_DBFS = -120.0;
    /** dB above the floor that {@link #score} maps to 1. */
    public static final double FULL_SCORE_DB = 40.0;
    static final double KEEP_SECONDS = 30.0;
    private static final double FRAME_SECONDS = FRAME_SAMPLES / 16_000.0;

    private final int keepFrames = (int) Math.round(KEEP_SECONDS / FRAME_SECONDS);
    private final double[] levels = new double[keepFrames];
    private final double[] floors = new double[keepFrames];
    private long frames;
    private double partialSum;
    private int partialCount;
    private double floorDbfs = Double.NaN;

    /** Streams the next samples in. */
    public void accept(float[] y, int off, int len) {
        for (int i = off; i < off + len; i++) {
            partialSum += (double) y[i] * y[i];
            if (++partialCount == FRAME_SAMPLES) {
                frame(partialSum / FRAME_SAMPLES);
                partialSum = 0;
                partialCount = 0;
            }
        }
    }

    private void frame(double meanSquare) {
        double level = meanSquare <= 0 ? SILENCE_DBFS : Math.max(SILENCE_DBFS, 10 * Math.log10(meanSquare));
        if (Double.isNaN(floorDbfs) || level < floorDbfs) {
            floorDbfs = level;
        } else {
            floorDbfs = Math.min(level, floorDbfs + FLOOR_RISE_DB_PER_SECOND * FRAME_SECONDS);
        }
        int slot = (int) (frames % keepFrames);
        levels[slot] = level;
        floors[slot] = floorDbfs;
        frames++;
    }

    /** Level of the samples [startSample, endSample) in dBFS (energy mean of its complete 10 ms frames kept). */
    public double levelDbfs(long startSample, long endSample) {
        long[] r = range(startSample, endSample);
        if (r[1] <= r[0]) {
            return SILENCE_DBFS;
        }
        double sum = 0;
        for (long f = r[0]; f < r[1]; f++) {
            sum += Math.pow(10, levels[(int) (f % keepFrames)] / 10);
        }
        return Math.max(SILENCE_DBFS, 10 * Math.log10(sum / (r[1] - r[0])));
    }

    /** The noise floor as it was at the start of [startSample, endSample), in dBFS. */
    public double floorDbfs(long startSample, long endSample) {
        long[] r = range(startSample, endSample);
        if (r[1] <= r[0]) {
            return SILENCE_DBFS;
        }
        return floors[(int) (r[0] % keepFrames)];
    }

    /** dB above the floor on a 0-1 scale: {@code clamp((level - floor) / FULL_SCORE_DB, 0, 1)}. */
    public static float score(double levelDbfs, double floorDbfs) {
        return (float) Math.max(0.0, Math.min(1.0, (levelDbfs - floorDbfs) / FULL_SCORE_DB));
    }

    /** The threshold of {@link #score} that means {@code db} dB above the floor. */
    public static double thresholdForDb(double db) {
        return db / FULL_SCORE_DB;
    }

    private long[] range(long startSample, long endSample) {
        long first = Math.max(Math.floorDiv(startSample, FRAME_SAMPLES), frames - keepFrames);
        long last = Math.min(Math.floorDiv(endSample, FRAME_SAMPLES), frames);
        return new long[] {Math.max(0, first), last};
    }

    @Override
    public String toString() {
        return "LevelMeter[" + frames + " frames, floor " + floorDbfs + " dBFS]";
    }
}
