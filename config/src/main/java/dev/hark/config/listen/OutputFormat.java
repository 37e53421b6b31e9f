package dev.hark.config.listen;

import dev.hark.errors.BadInputException;
import java.util.Locale;

/** How events are written: human-readable lines or one JSON object per line. */
public enum OutputFormat {
    TEXT,
    JSONL;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OutputFormat parse(String key, String value) {
        for (OutputFormat f : values()) {
            if (f.cliName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new BadInputException("bad value for " + key + ": '" + value + "' (expected text or jsonl)");
    }
}
