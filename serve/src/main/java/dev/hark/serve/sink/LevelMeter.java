package dev.hark.serve.sink;

/**
 * The sound level of the stream in dBFS (RMS of a full-scale sine = 0 dBFS - 3 dB), over consecutive blocks of
 * {@code blockSamples} 16 kHz samples; silence reads {@link #FLOOR_DBFS}.
 */
public final class LevelMeter {
    public static final double FLOOR_DBFS = -120.0;
    private final int blockSamples;
    private double sumSquares;
    private int n;
    private long blockStart;

    /** Receives one level per block: the block's start sample and its level. */
    public interface Sink {
        void level(long startSample, double dbfs);
    }

    public LevelMeter(int blockSamples) {
        this.blockSamples = blockSamples;
    }

    public void accept(long startSample, float[] x, int off, int len, Sink sink) {
        if (n == 0) {
            blockStart = startSample;
        }
        for (int i = 0; i < len; i++) {
            double v = x[off + i];
            sumSquares += v * v;
            if (++n == blockSamples) {
                sink.level(blockStart, dbfs(sumSquares / n));
                sumSquares = 0;
                n = 0;
                blockStart = startSample + i + 1;
            }
        }
    }

    static double dbfs(double meanSquare) {
        return meanSquare <= 0 ? FLOOR_DBFS : Math.max(FLOOR_DBFS, 10 * Math.log10(meanSquare));
    }
}
