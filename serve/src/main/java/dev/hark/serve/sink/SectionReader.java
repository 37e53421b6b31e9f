package dev.hark.serve.sink;

import dev.hark.config.Bounds;
import dev.hark.errors.BadInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed access to one section of {@code hark.yaml} as SnakeYAML or Jackson parse it (strings, numbers, booleans,
 * maps and lists), naming the dotted key ({@code mqtt.port}) in every error: an unknown key or a value of the wrong
 * kind or range is one line, a {@link BadInputException}.
 */
public final class SectionReader {
    private final String section;
    private final Map<String, Object> map;

    private SectionReader(String section, Map<String, Object> map) {
        this.section = section;
        this.map = map;
    }

    /**
     * A reader of {@code value} (the section {@code section}, which must be a map) refusing keys not in
     * {@code known}.
     */
    public static SectionReader of(String section, Object value, Set<String> known) {
        if (!(value instanceof Map<?, ?> raw)) {
            throw new BadInputException("bad value for " + section + ": expected a map of settings, got "
                    + describe(value));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (!known.contains(k)) {
                throw new BadInputException("unknown setting '" + section + "." + k + "' (known: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
            m.put(k, e.getValue());
        }
        return new SectionReader(section, m);
    }

    /** The dotted name of {@code key}. */
    public String name(String key) {
        return section + "." + key;
    }

    public boolean has(String key) {
        return map.get(key) != null;
    }

    /** A non-blank string (numbers are taken as written), or {@code dflt} when absent. */
    public String string(String key, String dflt) {
        Object v = map.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Map || v instanceof List) {
            throw bad(key, v, "expected a single value");
        }
        String s = v.toString().strip();
        if (s.isEmpty()) {
            throw bad(key, v, "must not be empty");
        }
        return s;
    }

    /** A string that must be there. */
    public String required(String key) {
        String s = string(key, null);
        if (s == null) {
            throw new BadInputException("missing setting " + name(key));
        }
        return s;
    }

    /** A whole number in {@code [min, max]}, or {@code dflt} when absent. */
    public int integer(String key, int dflt, int min, int max) {
        Object v = map.get(key);
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

    /** A number in {@code [min, max]}, or {@code dflt} when absent. */
    public double number(String key, double dflt, double min, double max) {
        Object v = map.get(key);
        if (v == null) {
            return dflt;
        }
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else {
            try {
                d = Double.parseDouble(v.toString().strip());
            } catch (NumberFormatException e) {
                throw bad(key, v, "expected a number");
            }
        }
        return Bounds.check(name(key), d, min, max);
    }

    /** A path, or null when absent. */
    public Path path(String key) {
        String s = string(key, null);
        if (s == null) {
            return null;
        }
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw bad(key, s, "not a path");
        }
    }

    /** An absolute http or https URL that must be there. */
    public URI httpUrl(String key) {
        String s = required(key);
        try {
            URI u = new URI(s);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
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
        Object v = map.get(key);
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
