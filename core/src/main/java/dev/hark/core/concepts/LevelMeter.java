package dev.hark.core.concepts;


/**
 * Hark's one sound-level meter: the level of a 16 kHz stream in consecutive blocks (10 ms frames by default) in dBFS
 * (mean square relative to a full-scale square wave, so a full-scale sine is -3 dBFS; digital silence reads
 * {@link #SILENCE_DBFS}), and an adaptive noise floor: the floor drops at once to a quieter block and rises by at most
 * {@link #FLOOR_RISE_DB_PER_SECOND} while the sound stays above it, so a steady hum becomes the floor while a
 * sound standing out of it does not. Blocks are kept for the last {@link #KEEP_SECONDS} so that the level of a
 * window that ended recently can be asked for (the {@code loud} concept); a {@link BlockSink} may also receive each
 * block's level as it completes (the live stream's and MQTT's sound level). Not thread-safe.
 */
public final class LevelMeter {
    public static final int FRAME_SAMPLES = 160;
    public static final double FLOOR_RISE_DB_PER_SECOND = 1.0;
    /** Level given to digital silence. */
    public static final double SILENCE_DBFS = -120.0;
    /** dB above the floor that {@link #score} maps to 1. */
    public static final double FULL_SCORE_DB = 40.0;
    static final double KEEP_SECONDS = 30.0;
    private static final double SAMPLE_RATE_HZ = 16_000.0;

    /** Receives the level of each block as it completes: the block's first sample in the stream and its level. */
    @FunctionalInterface
    public interface BlockSink {
        void level(long startSample, double dbfs);
    }

    private final int blockSamples;
    private final double blockSeconds;
    private final int keepBlocks;
    private final double[] levels;
    private final double[] floors;
    private long blocks;
    private double partialSum;
    private int partialCount;
    private long partialStart;
    private double floorDbfs = Double.NaN;

    /** A meter of 10 ms frames ({@link #FRAME_SAMPLES}). */
    public LevelMeter() {
        this(FRAME_SAMPLES);
    }

    /** A meter of blocks of {@code blockSamples} 16 kHz samples. */
    public LevelMeter(int blockSamples) {
        if (blockSamples < 1) {
            throw new IllegalArgumentException("level block must be positive: " + blockSamples);
        }
        this.blockSamples = blockSamples;
        this.blockSeconds = blockSamples / SAMPLE_RATE_HZ;
        this.keepBlocks = (int) Math.max(1, Math.round(KEEP_SECONDS / blockSeconds));
        this.levels = new double[keepBlocks];
        this.floors = new double[keepBlocks];
    }

    /** Streams the next samples in (they follow the previous ones). */
    public void accept(float[] y, int off, int len) {
        accept(blocks * blockSamples + partialCount, y, off, len, null);
    }

    /**
     * Streams the next samples in, {@code y[off]} being sample {@code startSample} of the stream (a stream with gaps
     * names where each part starts); {@code sink} (may be null) gets the level of each block completed.
     */
    public void accept(long startSample, float[] y, int off, int len, BlockSink sink) {
        for (int i = 0; i < len; i++) {
            if (partialCount == 0) {
                partialStart = startSample + i;
            }
            partialSum += (double) y[off + i] * y[off + i];
            if (++partialCount == blockSamples) {
                double level = block(partialSum / blockSamples);
                partialSum = 0;
                partialCount = 0;
                if (sink != null) {
                    sink.level(partialStart, level);
                }
            }
        }
    }

    /** The level in dBFS of samples whose mean square is {@code meanSquare}, at least {@link #SILENCE_DBFS}. */
    public static double dbfs(double meanSquare) {
        return meanSquare <= 0 ? SILENCE_DBFS : Math.max(SILENCE_DBFS, 10 * Math.log10(meanSquare));
    }

    private double block(double meanSquare) {
        double level = dbfs(meanSquare);
        if (Double.isNaN(floorDbfs) || level < floorDbfs) {
            floorDbfs = level;
        } else {
            floorDbfs = Math.min(level, floorDbfs + FLOOR_RISE_DB_PER_SECOND * blockSeconds);
        }
        int slot = (int) (blocks % keepBlocks);
        levels[slot] = level;
        floors[slot] = floorDbfs;
        blocks++;
        return level;
    }

    /** Level of the samples [startSample, endSample) in dBFS (energy mean of its complete blocks kept). */
    public double levelDbfs(long startSample, long endSample) {
        long[] r = range(startSample, endSample);
        if (r[1] <= r[0]) {
            return SILENCE_DBFS;
        }
        double sum = 0;
        for (long f = r[0]; f < r[1]; f++) {
            sum += Math.pow(10, levels[(int) (f % keepBlocks)] / 10);
        }
        return Math.max(SILENCE_DBFS, 10 * Math.log10(sum / (r[1] - r[0])));
    }

    /** The noise floor as it was at the start of [startSample, endSample), in dBFS. */
    public double floorDbfs(long startSample, long endSample) {
        long[] r = range(startSample, endSample);
        if (r[1] <= r[0]) {
            return SILENCE_DBFS;
        }
        return floors[(int) (r[0] % keepBlocks)];
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
        long first = Math.max(Math.floorDiv(startSample, blockSamples), blocks - keepBlocks);
        long last = Math.min(Math.floorDiv(endSample, blockSamples), blocks);
        return new long[] {Math.max(0, first), last};
    }

    @Override
    public String toString() {
        return "LevelMeter[" + blocks + " blocks of " + blockSamples + " samples, floor " + floorDbfs + " dBFS]";
    }
}
