package dev.hark.live.gate;

import dev.hark.core.frontend.FrontEndParams;

/**
 * Energy activity detector: a 30 ms frame is active when its RMS level (dBFS, full scale = 1.0) is at least
 * {@code thresholdDbfs} AND at least {@code marginDb} above an adaptive noise floor. The floor follows the
 * level down at once and creeps up slowly ({@link #FLOOR_RISE_DB_PER_SECOND}), so a steady background
 * (fan, hum) stops opening the gate while short sounds above it still do. The floor starts at
 * {@code thresholdDbfs - marginDb}, so a sound at the very start is not missed.
 */
public final class EnergyGate implements ActivityGate {
    /** How fast the noise floor rises while the level stays above it. */
    public static final double FLOOR_RISE_DB_PER_SECOND = 0.5;
    /** Lowest level reported (digital silence). */
    public static final double MIN_LEVEL_DBFS = -120.0;

    private static final double FRAME_SECONDS = FRAME_SAMPLES / (double) FrontEndParams.SAMPLE_RATE_HZ;

    private final double thresholdDbfs;
    private final double marginDb;
    private double floorDbfs;
    private double lastLevelDbfs = MIN_LEVEL_DBFS;

    public EnergyGate(double thresholdDbfs, double marginDb) {
        if (!(thresholdDbfs <= 0.0 && thresholdDbfs >= -120.0) || !(marginDb >= 0.0 && marginDb <= 60.0)) {
            throw new IllegalArgumentException("energy gate: threshold " + thresholdDbfs + " dBFS, margin " + marginDb
                    + " dB out of range");
        }
        this.thresholdDbfs = thresholdDbfs;
        this.marginDb = marginDb;
        this.floorDbfs = thresholdDbfs - marginDb;
    }

    @Override
    public String name() {
        return "energy";
    }

    /** RMS level of {@code len} samples in dBFS (1.0 = 0 dBFS), at least {@link #MIN_LEVEL_DBFS}. */
    public static double levelDbfs(float[] x, int off, int len) {
        double sum = 0;
        for (int i = off; i < off + len; i++) {
            sum += (double) x[i] * x[i];
        }
        double ms = sum / len;
        return ms <= 0 ? MIN_LEVEL_DBFS : Math.max(MIN_LEVEL_DBFS, 10.0 * Math.log10(ms));
    }

    @Override
    public boolean isActive(float[] frame, int off) {
        double level = levelDbfs(frame, off, FRAME_SAMPLES);
        lastLevelDbfs = level;
        boolean active = level >= thresholdDbfs && level >= floorDbfs + marginDb;
        if (level < floorDbfs) {
            floorDbfs = level;
        } else {
            floorDbfs = Math.min(level, floorDbfs + FLOOR_RISE_DB_PER_SECOND * FRAME_SECONDS);
        }
        return active;
    }

    /** The current noise-floor estimate in dBFS. */
    public double floorDbfs() {
        return floorDbfs;
    }

    /** The level of the last frame decided, in dBFS. */
    public double lastLevelDbfs() {
        return lastLevelDbfs;
    }

    @Override
    public void reset() {
        floorDbfs = thresholdDbfs - marginDb;
        lastLevelDbfs = MIN_LEVEL_DBFS;
    }
}
