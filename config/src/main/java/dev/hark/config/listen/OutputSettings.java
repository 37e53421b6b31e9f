package dev.hark.config.listen;

import java.nio.file.Path;

/**
 * What the listener writes.
 *
 * @param format text lines or JSON lines
 * @param windows also write each window's scores
 * @param recordDir where each event is saved as a WAV clip (null: not recorded)
 * @param preRollSeconds audio kept before an event's onset in its clip
 * @param statusIntervalSeconds how often a status line goes to stderr (0: never)
 */
public record OutputSettings(OutputFormat format, boolean windows, Path recordDir, double preRollSeconds,
        double statusIntervalSeconds) {
    public static final double DEFAULT_PRE_ROLL_SECONDS = 1.0;
    public static final double DEFAULT_STATUS_INTERVAL_SECONDS = 30.0;

    public OutputSettings {
        if (format == null) {
            throw new dev.hark.errors.BadInputException("bad value for output.format: missing");
        }
        Check.range("output.pre-roll-seconds", preRollSeconds, 0.0, 60.0);
        Check.range("output.status-interval-seconds", statusIntervalSeconds, 0.0, 86_400.0);
    }

    public static OutputSettings defaults() {
        return new OutputSettings(OutputFormat.TEXT, false, null, DEFAULT_PRE_ROLL_SECONDS,
                DEFAULT_STATUS_INTERVAL_SECONDS);
    }
}
