package dev.hark.serve.config;

import java.nio.file.Path;
import java.util.Set;

/**
 * The {@code store:} section: where events are kept.
 *
 * @param path the SQLite database (default {@code ~/.hark/events.db})
 * @param busyTimeoutMs how long a write waits for a database locked by another process before it is retried
 */
public record StoreSettings(Path path, int busyTimeoutMs) {
    public static final Set<String> KEYS = Set.of("path", "busy-timeout-ms");

    public static StoreSettings from(Section s) {
        s.refuseUnknown(KEYS);
        return new StoreSettings(s.path("path", HarkHome.dir().resolve("events.db")),
                s.integer("busy-timeout-ms", 5000, 0, 600_000));
    }
}
