package dev.hark.serve.store;

import dev.hark.config.Bounds;

/**
 * A query of the store: events whose wall-clock start lies in [sinceMillis, untilMillis), of one concept (or
 * any), newest first, at most {@code limit}.
 */
public record EventQuery(Long sinceMillis, Long untilMillis, String concept, int limit) {
    public static final int MAX_LIMIT = 10_000;
    public static final int DEFAULT_LIMIT = 100;

    public EventQuery {
        Bounds.check("limit", limit, 1, MAX_LIMIT);
    }

    public static EventQuery all() {
        return new EventQuery(null, null, null, MAX_LIMIT);
    }
}
