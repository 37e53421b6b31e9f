package dev.hark.config.listen;

import dev.hark.errors.BadInputException;

/** Range checks shared by the settings records; every failure names the key and the bad value. */
final class Check {
    private Check() {
    }

    static double range(String key, double value, double min, double max) {
        if (!Double.isFinite(value) || value < min || value > max) {
            throw new BadInputException("bad value for " + key + ": " + fmt(value) + " (allowed " + fmt(min) + " to "
                    + fmt(max) + ")");
        }
        return value;
    }

    static int range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new BadInputException("bad value for " + key + ": " + value + " (allowed " + min + " to " + max + ")");
        }
        return value;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
