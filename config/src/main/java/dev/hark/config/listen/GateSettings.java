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
        return new GateSettings(DEFAULT_MODE, DEFAULT_VAD_MODE, DEFAULT_ENERGY_THRESHOLD_DBFS,
                DEFAULT_NOISE_FLOOR_MARGIN_DB, DEFAULT_HANGOVER_MS);
    }
}
