package dev.hark.serve.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.config.Bounds;
import dev.hark.config.listen.EventSettings;
import dev.hark.core.io.AtomicFile;
import dev.hark.core.io.IoFailures;
import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the API may change while the service runs: the default threshold, per-concept thresholds and the watch list
 * (concepts reported; empty: every concept the detector tracks). Persisted as JSON beside the database
 * ({@code serve-tuning.json}) and applied over the config file at the next start.
 *
 * @param threshold the default score threshold
 * @param thresholds per-concept thresholds
 * @param watch the concepts reported (empty: all)
 */
public record Tuning(double threshold, Map<String, Double> thresholds, List<String> watch) {
    public static final String FILE_NAME = "serve-tuning.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public Tuning {
        Bounds.check("threshold", threshold, 0, 1);
        thresholds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
        thresholds.forEach((k, v) -> Bounds.check("thresholds." + k, v, 0, 1));
        watch = List.copyOf(watch);
    }

    /** The tuning the listener's event settings start with (no watch list: every tracked concept). */
    public static Tuning of(EventSettings e) {
        return new Tuning(e.threshold(), e.labelThresholds(), List.of());
    }

    /** The event settings with this tuning's thresholds. */
    public EventSettings applyTo(EventSettings e) {
        return e.toBuilder().threshold(threshold).labelThresholds(thresholds).build();
    }

    /** This tuning with what {@code patch} (JSON: any of threshold, thresholds, watch) sets replaced. */
    public Tuning patch(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw new BadInputException("expected a JSON object with threshold, thresholds or watch");
        }
        Iterator<String> names = patch.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!List.of("threshold", "thresholds", "watch").contains(n)) {
                throw new BadInputException("unknown setting '" + n + "' (known: threshold, thresholds, watch)");
            }
        }
        double t = threshold;
        if (patch.has("threshold")) {
            t = number(patch.get("threshold"), "threshold");
        }
        Map<String, Double> th = thresholds;
        if (patch.has("thresholds")) {
            JsonNode n = patch.get("thresholds");
            if (!n.isObject()) {
                throw new BadInputException("bad value for thresholds: expected an object of concept: score");
            }
            th = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                th.put(e.getKey(), number(e.getValue(), "thresholds." + e.getKey()));
            }
        }
        List<String> w = watch;
        if (patch.has("watch")) {
            JsonNode n = patch.get("watch");
            if (!n.isArray()) {
                throw new BadInputException("bad value for watch: expected a list of concepts");
            }
            w = new ArrayList<>();
            for (JsonNode c : n) {
                if (!c.isTextual() || c.asText().isBlank()) {
                    throw new BadInputException("bad value for watch: " + c + " is not a concept name");
                }
                w.add(c.asText());
            }
        }
        return new Tuning(t, th, w);
    }

    private static double number(JsonNode n, String key) {
        if (n == null || !n.isNumber()) {
            throw new BadInputException("bad value for " + key + ": " + n + " is not a number");
        }
        return n.asDouble();
    }

    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("threshold", threshold);
        ObjectNode th = o.putObject("thresholds");
        thresholds.forEach(th::put);
        watch.forEach(o.putArray("watch")::add);
        return o;
    }

    /** Writes the tuning to {@code file} atomically. */
    public void save(Path file) {
        try {
            AtomicFile.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson()));
        } catch (IOException e) {
            throw IoFailures.cannotWrite(file, e);
        }
    }

    /** The tuning saved in {@code file} over {@code base}, or {@code base} when there is no such file. */
    public static Tuning load(Path file, Tuning base) {
        if (!Files.isRegularFile(file)) {
            return base;
        }
        try {
            return base.patch(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + IoFailures.reason(e), e);
        } catch (BadInputException e) {
            throw new BadInputException(file + ": " + e.getMessage(), e);
        }
    }
}
