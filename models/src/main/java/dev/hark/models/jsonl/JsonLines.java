package dev.hark.models.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes the records of this package as one-line JSON objects (no trailing newline). */
public final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {
    }

    /** One line of JSON for {@code line} (a {@link WindowLine}, {@link SummaryLine} or {@link EventLine}). */
    public static String write(Object line) {
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + line.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Seconds on the 10 ms grid written without binary noise ({@code 0.48 * 3} is written {@code 1.44}): rounded
     * to the microsecond.
     */
    public static double seconds(double s) {
        return Math.round(s * 1e6) / 1e6;
    }
}
