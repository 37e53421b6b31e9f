package dev.hark.config;

import dev.hark.errors.BadInputException;

/**
 * The one rule for a window hop given in seconds ({@code --hop} of every command, {@code model.hop-seconds}):
 * positive, a whole number of the front end's 10 ms frames, and at most a stated limit.
 */
public final class HopSeconds {
    /** The front end's frame hop: a hop is a whole number of these. */
    public static final double FRAME_SECONDS = 0.01;

    /** The longest hop of the commands that label windows (listen, classify). */
    public static final double MAX_WINDOW_HOP_SECONDS = 60.0;

    /** The longest hop of the commands that extract features (embed, train, evaluate, cluster): one patch. */
    public static final double MAX_FEATURE_HOP_SECONDS = 0.96;

    private HopSeconds() {
    }

    /**
     * The hop in 10 ms frames.
     *
     * @param name the option or settings key, named in the error ({@code --hop}, {@code model.hop-seconds})
     * @param seconds the value given
     * @param maxSeconds the largest hop allowed
     * @throws BadInputException when {@code seconds} is not a positive multiple of 0.01 s up to {@code maxSeconds}
     */
    public static int toFrames(String name, double seconds, double maxSeconds) {
        double frames = seconds / FRAME_SECONDS;
        long rounded = Math.round(frames);
        if (!Double.isFinite(seconds) || !(seconds > 0) || rounded < 1 || Math.abs(frames - rounded) > 1e-6
                || seconds > maxSeconds + 1e-9) {
            throw new BadInputException("bad value for " + name + ": " + seconds + " (expected a positive multiple of "
                    + "0.01 s, at most " + format(maxSeconds) + " s)");
        }
        return (int) rounded;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
