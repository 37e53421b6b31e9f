package dev.hark.config;

import dev.hark.errors.BadInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When an event may begin: at least {@code windows} of the last {@code of} windows at or above the threshold. File
 * form {@code K/N} ({@code 2/3}: two of the last three windows), as in {@code events.onsets.dog = 2/3} and a
 * concept's {@code concepts.NAME.onset}. {@code 1/1} reacts to a single window (short sounds: a knock, glass); a
 * sustained sound (a siren, an alarm, a crying baby) can ask for two, which a passing sound rarely gives.
 *
 * @param windows k, from 1 to {@code of}
 * @param of n, from 1 to {@link #MAX_WINDOWS}
 */
public record OnsetRule(int windows, int of) {
    public static final int MAX_WINDOWS = 100;
    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    public OnsetRule {
        Bounds.check("onset windows", of, 1, MAX_WINDOWS);
        Bounds.check("onset windows", windows, 1, of);
    }

    /**
     * Parses {@code K/N}; the error names {@code key} and the value: {@code bad value for events.onsets.dog: '3/2'
     * (K/N: K of the last N windows, 1 <= K <= N <= 100)}.
     */
    public static OnsetRule parse(String key, String value) {
        Matcher m = FORM.matcher(value == null ? "" : value);
        if (m.matches()) {
            long k = Long.parseLong(m.group(1));
            long n = Long.parseLong(m.group(2));
            if (k >= 1 && k <= n && n <= MAX_WINDOWS) {
                return new OnsetRule((int) k, (int) n);
            }
        }
        throw new BadInputException("bad value for " + key + ": '" + value + "' (K/N: K of the last N windows, "
                + "1 <= K <= N <= " + MAX_WINDOWS + ")");
    }

    /** The file form, {@code K/N}. */
    @Override
    public String toString() {
        return windows + "/" + of;
    }
}
