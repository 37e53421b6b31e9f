package dev.hark.config.listen;

/**
 * The activity gate: with the gate closed no model runs.
 *
 * @param mode which detector(s) open the gate
 * @param vadMode WebRTC VAD aggressiveness, 0 (least) to 3 (most aggressive)
 * @param energyThresholdDbfs frame RMS level (dB relative to full scale) the energy gate needs at least
 * @param noiseFloorMarginDb how far above the adaptive noise floor the level must also be
 * @param hangoverMs how long the gate stays open after the last active frame
 */
public record GateSettings(GateMode mode, int vadMode, double energyThresholdDbfs, double noiseFloorMarginDb,
        int hangoverMs) {
    public static final GateMode DEFAULT_MODE = GateMode.BOTH;
    public static final int DEFAULT_VAD_MODE = 2;
    public static final double DEFAULT_ENERGY_THRESHOLD_DBFS = -50.0;
    public static final double DEFAULT_NOISE_FLOOR_MARGIN_DB = 10.0;
    public static final int DEFAULT_HANGOVER_MS = 300;

    public GateSettings {
        if (mode == null) {
            throw new dev.hark.errors.BadInputException("bad value for gate.mode: missing");
        }
        Check.range("gate.vad-mode", vadMode, 0, 3);
        Check.range("gate.energy-threshold-dbfs", energyThresholdDbfs, -120.0, 0.0);
        Check.range("gate.noise-floor-margin-db", noiseFloorMarginDb, 0.0, 60.0);
        Check.range("gate.hangover-ms", hangoverMs, 0, 60_000);
    }

    public static GateSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults; {@link Builder#build()} validates (the same checks as the file form). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder().mode(mode).vadMode(vadMode).energyThresholdDbfs(energyThresholdDbfs)
                .noiseFloorMarginDb(noiseFloorMarginDb).hangoverMs(hangoverMs);
    }

    /** The default gate with another mode: {@code GateSettings.defaults().withMode(GateMode.OFF)}. */
    public GateSettings withMode(GateMode mode) {
        return toBuilder().mode(mode).build();
    }

    /** Gate settings by name; checked by {@link #build()} through the record's constructor. */
    public static final class Builder {
        private GateMode mode = DEFAULT_MODE;
        private int vadMode = DEFAULT_VAD_MODE;
        private double energyThresholdDbfs = DEFAULT_ENERGY_THRESHOLD_DBFS;
        private double noiseFloorMarginDb = DEFAULT_NOISE_FLOOR_MARGIN_DB;
        private int hangoverMs = DEFAULT_HANGOVER_MS;

        private Builder() {
        }

        public Builder mode(GateMode mode) {
            this.mode = mode;
            return this;
        }

        public Builder vadMode(int vadMode) {
            this.vadMode = vadMode;
            return this;
        }

        public Builder energyThresholdDbfs(double dbfs) {
            this.energyThresholdDbfs = dbfs;
            return this;
        }

        public Builder noiseFloorMarginDb(double db) {
            this.noiseFloorMarginDb = db;
            return this;
        }

        public Builder hangoverMs(int ms) {
            this.hangoverMs = ms;
            return this;
        }

        /** @throws dev.hark.errors.BadInputException naming the setting and the bad value */
        public GateSettings build() {
            return new GateSettings(mode, vadMode, energyThresholdDbfs, noiseFloorMarginDb, hangoverMs);
        }
    }
}
