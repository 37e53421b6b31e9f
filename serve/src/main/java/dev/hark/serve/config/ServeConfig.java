package dev.hark.serve.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.config.listen.ListenSettings;
import dev.hark.config.listen.ListenSettingsFile;
import dev.hark.errors.BadInputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code hark serve} is told: the listener's settings (the sections {@code source:}, {@code model:},
 * {@code gate:}, {@code events:}, {@code output:} of {@code hark listen}'s config file, read by
 * {@link ListenSettings}) and one section per output, each read by its own class ({@link StoreSettings},
 * {@link ClipSettings}, {@link HttpSettings}, {@link DatasetSettings}); {@code mqtt:} and {@code webhooks:} are
 * kept as they are for their publishers' readers ({@link #output}). The file is read once. An unknown key anywhere
 * is refused in one line.
 */
public record ServeConfig(ListenSettings listen, StoreSettings store, ClipSettings clips, HttpSettings http,
        DatasetSettings dataset, Map<String, Section> others, Map<String, Object> outputs) {
    /** The sections read here; any other top-level key belongs to the listener's settings. */
    public static final List<String> SECTIONS = List.of("store", "clips", "http", "dataset");
    /** Sections whose readers live with their publishers (handed over raw). */
    public static final List<String> OTHER_SECTIONS = List.of("mqtt", "webhooks");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads {@code file} (null: defaults) with {@code listenOverrides} (settings keys of the listener, from options)
     * and {@code overrides} ({@code section.key} values, from options) on top.
     */
    public static ServeConfig load(Path file, Map<String, String> listenOverrides, Map<String, String> overrides) {
        Map<String, String> flat = new LinkedHashMap<>(file == null ? Map.of() : ListenSettingsFile.read(file));
        flat.putAll(listenOverrides);
        flat.putAll(overrides);
        try {
            return of(flat);
        } catch (BadInputException e) {
            throw file == null ? e : new BadInputException(e.getMessage() + " (config " + file + " or options)", e);
        }
    }

    /** Splits a flat map of dotted keys into its sections and reads each. */
    public static ServeConfig of(Map<String, String> flat) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, Object> whole = new LinkedHashMap<>();
        Map<String, String> listen = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : flat.entrySet()) {
            String k = e.getKey();
            int dot = k.indexOf('.');
            String head = dot < 0 ? k : k.substring(0, dot);
            if (SECTIONS.contains(head) || OTHER_SECTIONS.contains(head)) {
                if (dot < 0) {
                    if (e.getValue() == null || e.getValue().isBlank()) {
                        continue; // an empty section
                    }
                    if (OTHER_SECTIONS.contains(head)) {
                        whole.put(head, whole(e.getValue())); // a list (webhooks:), for its reader
                        continue;
                    }
                    throw new BadInputException("bad setting '" + k + "': expected a section of settings");
                }
                sections.computeIfAbsent(head, h -> new LinkedHashMap<>()).put(k.substring(dot + 1), e.getValue());
            } else {
                listen.put(k, e.getValue());
            }
        }
        ListenSettings l = ListenSettings.fromMap(listen);
        Map<String, Section> others = new LinkedHashMap<>();
        for (String o : OTHER_SECTIONS) {
            others.put(o, section(sections, o));
        }
        return new ServeConfig(l, StoreSettings.from(section(sections, "store")),
                ClipSettings.from(section(sections, "clips")), HttpSettings.from(section(sections, "http")),
                DatasetSettings.from(section(sections, "dataset")), Map.copyOf(others), Map.copyOf(whole));
    }

    /**
     * A section given as one value: the JSON text a YAML list of maps is flattened to ({@link ListenSettingsFile})
     * as plain Java values (lists, maps, strings, numbers, booleans), any other value as it is.
     */
    private static Object whole(String value) {
        String v = value.strip();
        if (!v.startsWith("[") && !v.startsWith("{")) {
            return value;
        }
        try {
            return JSON.readValue(v, Object.class);
        } catch (JsonProcessingException e) {
            return value; // not JSON after all: the section's reader says what it expected
        }
    }

    private static Section section(Map<String, Map<String, String>> sections, String name) {
        return new Section(name, sections.getOrDefault(name, Map.of()));
    }

    /**
     * The section {@code name} ({@code mqtt}, {@code webhooks}) for its reader: a list as the YAML file holds it
     * (webhooks), else its dotted keys (of YAML, a {@code .properties} file or options) as a map; null when absent.
     */
    public Object output(String name) {
        if (outputs.containsKey(name)) {
            return outputs.get(name);
        }
        Section s = other(name);
        return s.values().isEmpty() ? null : s.values();
    }

    /** The raw section {@code name} ({@code mqtt}, {@code webhooks}); empty when absent. */
    public Section other(String name) {
        return others.getOrDefault(name, new Section(name, Map.of()));
    }
}
