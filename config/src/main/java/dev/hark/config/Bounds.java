package dev.hark.config;

import dev.hark.errors.BadInputException;

/**
 * The one range check of numeric options and settings: every command's {@code --top}, {@code --k}, {@code --folds},
 * {@code --seconds}, ... and every settings key go through it, so a bad value always reads
 * {@code bad value for --top: 0 (allowed 1 to 1000)}, naming the option (or key) and the value.
 */
public final class Bounds {
    private Bounds() {
    }

    /** {@code value} if {@code min <= value <= max}, else a {@link BadInputException} naming {@code name}. */
    public static int check(String name, int value, int min, int max) {
        return check(name, value, min, max, null);
    }

    /**
     * As {@link #check(String, int, int, int)}, with a note on the bounds ({@code the number of clips}) appended to
     * the message after a semicolon.
     */
    public static int check(String name, int value, int min, int max, String note) {
        if (value < min || value > max) {
            throw error(name, Long.toString(value), Long.toString(min), Long.toString(max), note);
        }
        return value;
    }

    /** {@code value} if {@code min <= value <= max}. */
    public static long check(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw error(name, Long.toString(value), Long.toString(min), Long.toString(max), null);
        }
        return value;
    }

    /** {@code value} if finite and {@code min <= value <= max}. */
    public static double check(String name, double value, double min, double max) {
        if (!Double.isFinite(value) || value < min || value > max) {
            throw error(name, format(value), format(min), format(max), null);
        }
        return value;
    }

    /** A number as the messages print it: whole numbers without a fraction ({@code 600}, not {@code 600.0}). */
    public static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static BadInputException error(String name, String value, String min, String max, String note) {
        return new BadInputException("bad value for " + name + ": " + value + " (allowed " + min + " to " + max
                + (note == null ? "" : "; " + note) + ")");
    }
}
