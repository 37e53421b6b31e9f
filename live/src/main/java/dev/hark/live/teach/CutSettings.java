package dev.hark.live.teach;

import dev.hark.config.Bounds;

/**
 * How a sound becomes an example: the margin kept on each side of the sound, the shortest sound kept (shorter
 * ones, clicks, are ignored), the longest (a sound that goes on is cut there), how long the room must be quiet
 * for a sound to be over (shorter pauses join two sounds into one example), and how long the gate first listens
 * to the room before any sound counts. Validated here, naming the value.
 */
public record CutSettings(double marginSeconds, double minSoundSeconds, double maxSoundSeconds, double quietSeconds,
        double settleSeconds) {
    public static final double DEFAULT_MARGIN_SECONDS = 0.25;
    public static final double DEFAULT_MIN_SOUND_SECONDS = 0.05;
    public static final double DEFAULT_MAX_SOUND_SECONDS = 10.0;
    public static final double DEFAULT_QUIET_SECONDS = 0.5;
    public static final double DEFAULT_SETTLE_SECONDS = 0.5;

    public CutSettings {
        Bounds.check("margin seconds", marginSeconds, 0.0, 5.0);
        Bounds.check("shortest sound seconds", minSoundSeconds, 0.0, 10.0);
        Bounds.check("longest sound seconds", maxSoundSeconds, 0.1, 120.0);
        Bounds.check("quiet seconds", quietSeconds, 0.0, 10.0);
        Bounds.check("settle seconds", settleSeconds, 0.0, 10.0);
        if (minSoundSeconds > maxSoundSeconds) {
            throw new dev.hark.errors.BadInputException("the shortest sound (" + minSoundSeconds
                    + " s) is longer than the longest (" + maxSoundSeconds + " s)");
        }
    }

    public static CutSettings defaults() {
        return new CutSettings(DEFAULT_MARGIN_SECONDS, DEFAULT_MIN_SOUND_SECONDS, DEFAULT_MAX_SOUND_SECONDS,
                DEFAULT_QUIET_SECONDS, DEFAULT_SETTLE_SECONDS);
    }

    public CutSettings withMarginSeconds(double seconds) {
        return new CutSettings(seconds, minSoundSeconds, maxSoundSeconds, quietSeconds, settleSeconds);
    }

    public CutSettings withMaxSoundSeconds(double seconds) {
        return new CutSettings(marginSeconds, minSoundSeconds, seconds, quietSeconds, settleSeconds);
    }
}
