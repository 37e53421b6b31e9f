package dev.hark.serve.config;

import java.nio.file.Path;

/** Hark's own directory, {@code ~/.hark}: where the service keeps its database, clips and data set by default. */
public final class HarkHome {
    private HarkHome() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("user.home"), ".hark");
    }
}
