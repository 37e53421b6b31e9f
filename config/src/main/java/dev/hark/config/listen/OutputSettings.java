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
        return builder().build();
    }

    /** A builder starting from the defaults; {@link Builder#build()} validates (the same checks as the file form). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder().format(format).windows(windows).recordDir(recordDir).preRollSeconds(preRollSeconds)
                .statusIntervalSeconds(statusIntervalSeconds);
    }

    /** Output settings by name; checked by {@link #build()} through the record's constructor. */
    public static final class Builder {
        private OutputFormat format = OutputFormat.TEXT;
        private boolean windows;
        private Path recordDir;
        private double preRollSeconds = DEFAULT_PRE_ROLL_SECONDS;
        private double statusIntervalSeconds = DEFAULT_STATUS_INTERVAL_SECONDS;

        private Builder() {
        }

        public Builder format(OutputFormat format) {
            this.format = format;
            return this;
        }

        public Builder windows(boolean windows) {
            this.windows = windows;
            return this;
        }

        /** Where event clips are saved (null: not recorded). */
        public Builder recordDir(Path dir) {
            this.recordDir = dir;
            return this;
        }

        public Builder preRollSeconds(double seconds) {
            this.preRollSeconds = seconds;
            return this;
        }

        public Builder statusIntervalSeconds(double seconds) {
            this.statusIntervalSeconds = seconds;
            return this;
        }

        /** @throws dev.hark.errors.BadInputException naming the setting and the bad value */
        public OutputSettings build() {
            return new OutputSettings(format, windows, recordDir, preRollSeconds, statusIntervalSeconds);
        }
    }
}
