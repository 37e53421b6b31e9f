package dev.hark.config.concepts;

import dev.hark.config.OnsetRule;
import dev.hark.errors.BadInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code concepts.NAME.FIELD} keys of a flat settings map (the catalogue resource, a listen config) parsed into
 * {@link ConceptDefinition}s, and written back. Fields: {@link #FIELDS}. Errors name the key and the bad value.
 */
public final class ConceptDefinitions {
    /** Prefix of every concept key. */
    public static final String PREFIX = "concepts.";
    public static final String CLASSES = "classes";
    public static final String EXCLUDE = "exclude";
    public static final String THRESHOLD = "threshold";
    public static final String DEFAULT = "default";
    public static final String NOTE = "note";
    public static final String ONSET = "onset";
    public static final Set<String> FIELDS = Set.of(CLASSES, EXCLUDE, THRESHOLD, DEFAULT, NOTE, ONSET);

    private ConceptDefinitions() {
    }

    /** Whether {@code key} is a concept key ({@code concepts.NAME.FIELD}). */
    public static boolean isConceptKey(String key) {
        return key.startsWith(PREFIX);
    }

    /**
     * The concepts of the {@code concepts.*} keys of {@code map} (other keys are ignored), in order of first
     * appearance. A concept given without classes is an override of a catalogue concept (see
     * {@link ConceptDefinition#over}).
     */
    public static Map<String, ConceptDefinition> parse(Map<String, String> map) {
        Map<String, Map<String, String>> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            String k = e.getKey();
            if (!isConceptKey(k)) {
                continue;
            }
            String rest = k.substring(PREFIX.length());
            int dot = rest.lastIndexOf('.');
            String field = dot < 0 ? "" : rest.substring(dot + 1);
            if (dot <= 0 || !FIELDS.contains(field)) {
                throw new BadInputException("bad key " + k + " (expected " + PREFIX + "NAME.FIELD, FIELD one of "
                        + String.join(", ", new java.util.TreeSet<>(FIELDS)) + ")");
            }
            fields.computeIfAbsent(rest.substring(0, dot), n -> new LinkedHashMap<>()).put(field, e.getValue());
        }
        Map<String, ConceptDefinition> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> e : fields.entrySet()) {
            out.put(e.getKey(), definition(e.getKey(), e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    private static ConceptDefinition definition(String name, Map<String, String> f) {
        String key = PREFIX + name + ".";
        List<String> classes = f.containsKey(CLASSES) ? split(f.get(CLASSES)) : List.of();
        List<String> exclude = f.containsKey(EXCLUDE) ? split(f.get(EXCLUDE)) : List.of();
        Double threshold = f.containsKey(THRESHOLD) ? number(key + THRESHOLD, f.get(THRESHOLD)) : null;
        Boolean byDefault = f.containsKey(DEFAULT) ? bool(key + DEFAULT, f.get(DEFAULT)) : null;
        OnsetRule onset = f.containsKey(ONSET) ? OnsetRule.parse(key + ONSET, f.get(ONSET)) : null;
        return new ConceptDefinition(name, classes, exclude, threshold, byDefault, f.getOrDefault(NOTE, ""), onset);
    }

    /** The file form of {@code concepts} (every field, so that {@code parse(toMap(c), empty)} equals {@code c}). */
    public static Map<String, String> toMap(Map<String, ConceptDefinition> concepts) {
        Map<String, String> m = new LinkedHashMap<>();
        for (ConceptDefinition c : concepts.values()) {
            String key = PREFIX + c.name() + ".";
            if (!c.classes().isEmpty()) {
                m.put(key + CLASSES, String.join(";", c.classes()));
            }
            if (!c.exclude().isEmpty()) {
                m.put(key + EXCLUDE, String.join(";", c.exclude()));
            }
            if (c.threshold() != null) {
                m.put(key + THRESHOLD, Double.toString(c.threshold()));
            }
            if (c.byDefault() != null) {
                m.put(key + DEFAULT, Boolean.toString(c.byDefault()));
            }
            if (!c.note().isEmpty()) {
                m.put(key + NOTE, c.note());
            }
            if (c.onset() != null) {
                m.put(key + ONSET, c.onset().toString());
            }
        }
        return m;
    }

    /** Class names are separated by ';' (AudioSet names contain commas). */
    static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        for (String p : value.split(";", -1)) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }

    private static double number(String key, String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException("bad value for " + key + ": '" + value + "' is not a number", e);
        }
    }

    private static boolean bool(String key, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new BadInputException("bad value for " + key + ": '" + value + "' (expected true or false)");
        };
    }
}
