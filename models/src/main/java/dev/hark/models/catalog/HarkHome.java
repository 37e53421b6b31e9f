package dev.hark.models.catalog;

import java.nio.file.Path;

/**
 * Hark's per-user directories, {@code ~/.hark/NAME} unless a system property or, failing that, an environment
 * variable names another (a blank value counts as unset).
 */
public final class HarkHome {
    private HarkHome() {
    }

    /** The directory named by {@code property}, else by {@code environment}, else {@code ~/.hark/name}. */
    public static Path directory(String property, String environment, String name) {
        String p = System.getProperty(property);
        if (p == null || p.isBlank()) {
            p = System.getenv(environment);
        }
        if (p == null || p.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".hark", name);
        }
        return Path.of(p);
    }
}
