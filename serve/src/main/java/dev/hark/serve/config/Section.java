package dev.hark.serve.config;

import dev.hark.config.Bounds;
import dev.hark.errors.BadInputException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One section of {@code hark.yaml} ({@code store:}, {@code clips:}, {@code http:}, ...) as a map of its own keys
 * (dotted below the section: {@code max-age-days}), with typed getters that name {@code section.key} in every
 * error. {@link #refuseUnknown} rejects a key the section does not have, in one line.
 */
public final class Section {
    private final String name;
    private final Map<String, String> values;

    public Section(String name, Map<String, String> values) {
        this.name = name;
        this.values = Map.copyOf(values);
    }

    public String name() {
        return name;
    }

    public Map<String, String> values() {
        return values;
    }

    /** Throws for the first key not in {@code known}: {@code unknown setting 'http.prot' (known in http: ...)}. */
    public Section refuseUnknown(Set<String> known) {
        for (String k : new TreeSet<>(values.keySet())) {
            if (!known.contains(k)) {
                throw new BadInputException("unknown setting '" + name + "." + k + "' (known in " + name + ": "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        return this;
    }

    private String key(String k) {
        return name + "." + k;
    }

    private String raw(String k) {
        String v = values.get(k);
        return v == null || v.isBlank() ? null : v.strip();
    }

    public String string(String k, String dflt) {
        String v = raw(k);
        return v == null ? dflt : v;
    }

    /** A path; a leading {@code ~/} is the user's home directory. */
    public Path path(String k, Path dflt) {
        String v = raw(k);
        if (v == null) {
            return dflt;
        }
        try {
            return v.equals("~") || v.startsWith("~/") ? Path.of(System.getProperty("user.home"), v.substring(1))
                    : Path.of(v);
        } catch (InvalidPathException e) {
            throw new BadInputException("bad value for " + key(k) + ": '" + v + "' is not a path", e);
        }
    }

    public double number(String k, double dflt, double min, double max) {
        String v = raw(k);
        if (v == null) {
            return dflt;
        }
        try {
            return Bounds.check(key(k), Double.parseDouble(v), min, max);
        } catch (NumberFormatException e) {
            throw new BadInputException("bad value for " + key(k) + ": '" + v + "' is not a number", e);
        }
    }

    public int integer(String k, int dflt, int min, int max) {
        String v = raw(k);
        if (v == null) {
            return dflt;
        }
        try {
            return Bounds.check(key(k), Integer.parseInt(v), min, max);
        } catch (NumberFormatException e) {
            throw new BadInputException("bad value for " + key(k) + ": '" + v + "' is not a whole number", e);
        }
    }

    public boolean bool(String k, boolean dflt) {
        String v = raw(k);
        if (v == null) {
            return dflt;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new BadInputException("bad value for " + key(k) + ": '" + v + "' (expected true or false)");
        };
    }
}
