package dev.hark.config.listen;

import dev.hark.config.Bounds;

/** Range checks shared by the settings records ({@link Bounds}); every failure names the key and the bad value. */
final class Check {
    private Check() {
    }

    static double range(String key, double value, double min, double max) {
        return Bounds.check(key, value, min, max);
    }

    static int range(String key, int value, int min, int max) {
        return Bounds.check(key, value, min, max);
    }
}
