package dev.hark.importers;

import dev.hark.errors.BadInputException;
import dev.hark.errors.HarkException;
import dev.hark.errors.ModelException;
import java.util.function.Supplier;

/**
 * Keeps error messages to one printable line: names read from a damaged file (pickle strings, tensor names)
 * may hold line breaks and control characters, and may be very long.
 */
public final class OneLine {
    static final int MAX_CHARS = 400;

    private OneLine() {
    }

    static String of(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_CHARS + 3));
        for (int i = 0; i < s.length() && b.length() < MAX_CHARS; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        if (s.length() > MAX_CHARS) {
            b.append("...");
        }
        return b.toString();
    }

    /** Runs {@code work}; a Hark exception it throws comes out with a one-line message and the same exit code. */
    public static <T> T guard(Supplier<T> work) {
        try {
            return work.get();
        } catch (HarkException e) {
            String m = of(e.getMessage());
            if (m.equals(e.getMessage())) {
                throw e;
            }
            if (e instanceof ModelException) {
                throw new ModelException(m, e);
            }
            if (e instanceof BadInputException) {
                throw new BadInputException(m, e);
            }
            throw new HarkException(m, e);
        }
    }
}
