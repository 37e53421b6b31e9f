package dev.hark.config.listen;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads a listener config file into the flat key map of {@link ListenSettings#fromMap}: {@code .properties}
 * (dotted keys) or {@code .yaml}/{@code .yml} (nested maps are flattened with dots, lists become
 * {@code ;}-separated values), and merges command-line overrides on top.
 */
public final class ListenSettingsFile {
    private ListenSettingsFile() {
    }

    /** Loads {@code file} (may be null: defaults) and applies {@code overrides} (flag values by key) on top. */
    public static ListenSettings load(Path file, Map<String, String> overrides) {
        Map<String, String> map = new LinkedHashMap<>(file == null ? Map.of() : read(file));
        map.putAll(overrides);
        try {
            return ListenSettings.fromMap(map);
        } catch (BadInputException e) {
            throw file == null ? e : new BadInputException(e.getMessage() + " (config " + file + " or options)", e);
        }
    }

    /** The flat key map of a config file. */
    public static Map<String, String> read(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("config " + file + ": no such file");
        }
        try {
            if (name.endsWith(".properties")) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                Map<String, String> m = new LinkedHashMap<>();
                for (String k : p.stringPropertyNames()) {
                    m.put(k, p.getProperty(k));
                }
                return m;
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
                Map<String, String> m = new LinkedHashMap<>();
                if (root == null || root.isMissingNode() || root.isNull()) {
                    return m;
                }
                if (!root.isObject()) {
                    throw new BadInputException("config " + file + ": expected a map of settings at the top");
                }
                flatten("", root, m, file);
                return m;
            }
        } catch (JacksonException e) {
            throw new BadInputException("config " + file + ": not valid YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("config " + file + ": cannot read: " + e.getMessage(), e);
        }
        throw new BadInputException("config " + file + ": unknown format (use .properties, .yaml or .yml)");
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path file) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out, file);
            }
        } else if (node.isArray() && prefix.indexOf('.') < 0 && !allPlain(node)) {
            out.put(prefix, node.toString()); // a top-level list of maps (hark serve's webhooks:), as JSON text
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode n : node) {
                if (!n.isValueNode()) {
                    throw new BadInputException("config " + file + ": " + prefix + " must be a list of plain values");
                }
                items.add(n.asText());
            }
            out.put(prefix, String.join(";", items));
        } else if (node.isNull()) {
            out.put(prefix, "");
        } else {
            out.put(prefix, node.asText());
        }
    }

    private static boolean allPlain(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isValueNode()) {
                return false;
            }
        }
        return true;
    }
}
