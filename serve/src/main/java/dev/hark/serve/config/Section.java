package dev.hark.serve.config;

import dev.hark.config.Bounds;
import dev.hark.errors.BadInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One section of {@code hark.yaml} ({@code store:}, {@code clips:}, {@code http:}, {@code mqtt:}, an entry of
 * {@code webhooks:}, ...) as a map of its own keys to their values as the file gives them (strings, or the numbers,
 * booleans, maps and lists of a section taken whole), with typed getters that name {@code section.key} in every error,
 * in one line (a {@link BadInputException}). A blank value counts as absent. {@link #refuseUnknown} rejects a key the
 * section does not have.
 */
public final class Section {
    private final String name;
    private final Map<String, Object> values;

    public Section(String name, Map<String, ?> values) {
        this.name = name;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The section {@code name} given whole ({@code value} must be a map), refusing keys not in {@code known}. */
    public static Section of(String name, Object value, Set<String> known) {
        if (!(value instanceof Map<?, ?> raw)) {
            throw new BadInputException("bad value for " + name + ": expected a map of settings, got "
                    + describe(value));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        raw.forEach((k, v) -> m.put(String.valueOf(k), v));
        return new Section(name, m).refuseUnknown(known);
    }

    public String name() {
        return name;
    }

    public Map<String, Object> values() {
        return values;
    }

    /** Throws for the first key not in {@code known}: {@code unknown setting 'http.prot' (known: ...)}. */
    public Section refuseUnknown(Set<String> known) {
        for (String k : values.keySet()) {
            if (!known.contains(k)) {
                throw new BadInputException("unknown setting '" + name(k) + "' (known: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        return this;
    }

    /** The dotted name of {@code key}: {@code mqtt.port}. */
    public String name(String key) {
        return name + "." + key;
    }

    public boolean has(String key) {
        return raw(key) != null;
    }

    private Object raw(String key) {
        Object v = values.get(key);
        return v instanceof String s && s.isBlank() ? null : v;
    }

    /** A single value as a string (numbers as written), or {@code dflt} when absent. */
    public String string(String key, String dflt) {
        Object v = raw(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Map || v instanceof List) {
            throw bad(key, v, "expected a single value");
        }
        return v.toString().strip();
    }

    /** A string that must be there. */
    public String required(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new BadInputException("missing setting " + name(key));
        }
        if (raw(key) == null) {
            throw bad(key, v, "must not be empty");
        }
        return string(key, null);
    }

    /** A path, or {@code dflt} when absent; a leading {@code ~/} is the user's home directory. */
    public Path path(String key, Path dflt) {
        String v = string(key, null);
        if (v == null) {
            return dflt;
        }
        try {
            return v.equals("~") || v.startsWith("~/") ? Path.of(System.getProperty("user.home"), v.substring(1))
                    : Path.of(v);
        } catch (InvalidPathException e) {
            throw bad(key, v, "not a path");
        }
    }

    /** A number in {@code [min, max]}, or {@code dflt} when absent. */
    public double number(String key, double dflt, double min, double max) {
        Object v = raw(key);
        if (v == null) {
            return dflt;
        }
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else {
            try {
                d = Double.parseDouble(string(key, null));
            } catch (NumberFormatException e) {
                throw bad(key, v, "expected a number");
            }
        }
        return Bounds.check(name(key), d, min, max);
    }

    /** A whole number in {@code [min, max]}, or {@code dflt} when absent. */
    public int integer(String key, int dflt, int min, int max) {
        Object v = raw(key);
        if (v == null) {
            return dflt;
        }
        long n;
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            n = ((Number) v).longValue();
        } else if (v instanceof String s && s.strip().matches("[+-]?\\d{1,18}")) {
            n = Long.parseLong(s.strip());
        } else {
            throw bad(key, v, "expected a whole number");
        }
        return (int) Bounds.check(name(key), n, min, max);
    }

    /** {@code true}/{@code false} (also yes/no, on/off, 1/0), or {@code dflt} when absent. */
    public boolean bool(String key, boolean dflt) {
        Object v = raw(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        return switch (string(key, null).toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw bad(key, v, "expected true or false");
        };
    }

    /** An absolute http or https URL that must be there. */
    public URI httpUrl(String key) {
        String s = required(key);
        try {
            URI u = new URI(s);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                throw bad(key, s, "expected an http:// or https:// URL with a host");
            }
            return u;
        } catch (URISyntaxException e) {
            throw bad(key, s, "not a URL");
        }
    }

    /** A map of string values (HTTP headers), empty when absent. */
    public Map<String, String> stringMap(String key) {
        Object v = raw(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> raw)) {
            throw bad(key, v, "expected a map of names to values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            Object val = e.getValue();
            if (val == null || val instanceof Map || val instanceof List) {
                throw new BadInputException("bad value for " + name(key) + "." + e.getKey()
                        + ": expected a single value");
            }
            out.put(String.valueOf(e.getKey()), val.toString());
        }
        return out;
    }

    private BadInputException bad(String key, Object value, String why) {
        return new BadInputException("bad value for " + name(key) + ": '" + value + "' (" + why + ")");
    }

    private static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        return v instanceof List ? "a list" : "'" + v + "'";
    }
}
