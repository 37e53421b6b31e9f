package dev.hark.models.head;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.core.frontend.FrontEndVariant;
import dev.hark.errors.ModelException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code metadata.json} of a bundle, parsed and checked field by field as untrusted input: a missing, mistyped or
 * out-of-range field is a {@link ModelException} naming the bundle, the field and the value.
 *
 * @param labels label names, non-blank and distinct
 * @param features feature settings, each in its range
 * @param algorithm the algorithm named in {@code classifier.algorithm}
 * @param options the algorithm's options as trained (informative: the graph holds the model)
 * @param rejection the open-set rejection ({@code head.background}, {@code rejection.minProbability})
 * @param summary the training summary
 */
record BundleMetadata(List<String> labels, FeatureSettings features, Algorithm algorithm, Map<String, String> options,
        Rejection rejection, Map<String, Object> summary) {
    static final int MAX_LABELS = 100_000;
    static final int MAX_NAME_CHARS = 256;
    static final int MAX_DIMENSION = 1 << 16;
    static final int MAX_OPTIONS = 100;
    /** Longest patch hop: one 96-frame patch, as {@code --hop} of the feature commands allows. */
    static final int MAX_HOP_FRAMES = FrontEndParams.PATCH_FRAMES;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{0,64}");

    static BundleMetadata parse(byte[] bytes, ObjectMapper json, String where) {
        JsonNode meta;
        try {
            meta = json.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(bytes);
        } catch (IOException e) {
            throw new ModelException(where + Bundle.METADATA_NAME + " is not JSON (" + Bundle.reason(e) + ")", e);
        }
        if (meta == null || !meta.isObject()) {
            throw new ModelException(where + Bundle.METADATA_NAME + " is not a JSON object");
        }
        String format = text(meta, "format", where);
        if (!Bundle.FORMAT.equals(format)) {
            throw bad(where, "format", "'" + format + "', expected '" + Bundle.FORMAT + "'");
        }
        JsonNode version = meta.get("formatVersion");
        if (version != null && version.isInt() && version.intValue() == 1) {
            throw new ModelException(where + Bundle.OLD_FORMAT);
        }
        if (version == null || !version.isInt() || version.intValue() != Bundle.FORMAT_VERSION) {
            throw bad(where, "formatVersion", (version == null ? "missing" : version.toString()) + ", this Hark reads "
                    + Bundle.FORMAT_VERSION);
        }
        List<String> labels = labels(meta.get("labels"), where);
        JsonNode f = object(meta, "features", where);
        String model = name(f, "features.model", where);
        String sha = f.get("modelSha256") == null ? null : text(f, "modelSha256", "features.modelSha256", where);
        boolean mfcc = FeatureSettings.MFCC.equals(model);
        if (sha == null || !SHA256.matcher(sha).matches()) {
            throw bad(where, "features.modelSha256", quote(sha) + ", expected a sha256 in lower-case hex");
        }
        String frontEnd = text(f, "frontEnd", "features.frontEnd", where);
        if (!frontEnd.equals(FrontEndVariant.YAMNET.cliName()) && !frontEnd.equals(FrontEndVariant.VGGISH.cliName())) {
            throw bad(where, "features.frontEnd", quote(frontEnd) + ", expected yamnet or vggish");
        }
        int hop = integer(f, "hopFrames", "features.hopFrames", mfcc ? 0 : 1, mfcc ? 0 : MAX_HOP_FRAMES, where);
        String poolingName = text(f, "pooling", "features.pooling", where);
        Pooling pooling = null;
        for (Pooling p : Pooling.values()) {
            if (p.cliName().equals(poolingName)) {
                pooling = p;
            }
        }
        if (pooling == null) {
            throw bad(where, "features.pooling", quote(poolingName) + ", expected none, mean or mean+std");
        }
        int dimension = integer(f, "dimension", "features.dimension", 1, MAX_DIMENSION, where);
        FeatureSettings features = new FeatureSettings(model, sha, frontEnd, hop, pooling, dimension);
        JsonNode c = object(meta, "classifier", where);
        String algorithmName = text(c, "algorithm", "classifier.algorithm", where);
        Algorithm algorithm = null;
        for (Algorithm a : Algorithm.values()) {
            if (a.cliName().equals(algorithmName)) {
                algorithm = a;
            }
        }
        if (algorithm == null) {
            throw bad(where, "classifier.algorithm", quote(algorithmName) + ", expected logistic, svm, knn, forest or mlp");
        }
        Map<String, String> options = options(object(c, "options", "classifier.options", where), where);
        JsonNode h = object(meta, "head", where);
        String input = text(h, "input", "head.input", where);
        if (!HeadExporter.INPUT.equals(input)) {
            throw bad(where, "head.input", quote(input) + ", expected '" + HeadExporter.INPUT + "'");
        }
        String output = text(h, "output", "head.output", where);
        if (!HeadExporter.OUTPUT.equals(output)) {
            throw bad(where, "head.output", quote(output) + ", expected '" + HeadExporter.OUTPUT + "'");
        }
        int width = features.rowWidth();
        integer(h, "rowWidth", "head.rowWidth", width, width, where);
        JsonNode background = h.get("background");
        if (background == null || !background.isBoolean()) {
            throw bad(where, "head.background", (background == null ? "missing" : shorten(background.toString()))
                    + ", expected true or false");
        }
        JsonNode r = object(meta, "rejection", where);
        JsonNode min = r.get("minProbability");
        if (min == null || !min.isNumber() || !(min.doubleValue() >= 0 && min.doubleValue() <= 1)) {
            throw bad(where, "rejection.minProbability", (min == null ? "missing" : shorten(min.toString()))
                    + ", expected a number in [0, 1]");
        }
        JsonNode summary = meta.get("summary");
        if (summary != null && !summary.isObject()) {
            throw bad(where, "summary", "not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> s = summary == null ? Map.of() : json.convertValue(summary, LinkedHashMap.class);
        return new BundleMetadata(labels, features, algorithm, options,
                new Rejection(background.booleanValue(), min.doubleValue()), s);
    }

    private static Map<String, String> options(JsonNode node, String where) {
        if (node.size() > MAX_OPTIONS) {
            throw bad(where, "classifier.options", node.size() + " entries, at most " + MAX_OPTIONS);
        }
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual() || !printable(e.getKey()) || e.getValue().textValue().length() > MAX_NAME_CHARS) {
                throw bad(where, "classifier.options", "entry " + quote(e.getKey()) + " holds "
                        + shorten(e.getValue().toString()) + ", expected a string");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    private static List<String> labels(JsonNode node, String where) {
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > MAX_LABELS) {
            throw bad(where, "labels", node == null ? "missing" : "expected an array of 1 to " + MAX_LABELS
                    + " names");
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode n : node) {
            if (!n.isTextual() || !printable(n.textValue())) {
                throw bad(where, "labels", "entry " + (out.size() + 1) + " holds " + shorten(n.toString())
                        + ", expected a non-blank name of at most " + MAX_NAME_CHARS + " printable characters");
            }
            if (!seen.add(n.textValue())) {
                throw bad(where, "labels", "'" + n.textValue() + "' appears twice");
            }
            if (n.textValue().equals(Rejection.UNKNOWN)) {
                throw bad(where, "labels", "'" + Rejection.UNKNOWN + "' is what a head says for none of its labels");
            }
            out.add(n.textValue());
        }
        return out;
    }

    private static JsonNode object(JsonNode parent, String field, String where) {
        return object(parent, field, field, where);
    }

    private static JsonNode object(JsonNode parent, String field, String path, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isObject()) {
            throw bad(where, path, n == null ? "missing" : "not a JSON object");
        }
        return n;
    }

    private static String text(JsonNode parent, String field, String where) {
        return text(parent, field, field, where);
    }

    private static String text(JsonNode parent, String field, String path, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isTextual()) {
            throw bad(where, path, n == null ? "missing" : shorten(n.toString()) + ", expected a string");
        }
        return n.textValue();
    }

    private static String name(JsonNode parent, String path, String where) {
        String s = text(parent, path.substring(path.indexOf('.') + 1), path, where);
        if (!printable(s)) {
            throw bad(where, path, quote(s) + ", expected a non-blank name of at most " + MAX_NAME_CHARS
                    + " printable characters");
        }
        return s;
    }

    private static int integer(JsonNode parent, String field, String path, int min, int max, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isInt() || n.intValue() < min || n.intValue() > max) {
            throw bad(where, path, (n == null ? "missing" : shorten(n.toString())) + ", expected a whole number "
                    + (min == max ? "" + min : "in [" + min + ", " + max + "]"));
        }
        return n.intValue();
    }

    private static boolean printable(String s) {
        return !s.isBlank() && s.length() <= MAX_NAME_CHARS && s.codePoints().noneMatch(Character::isISOControl);
    }

    private static String quote(String s) {
        return s == null ? "missing" : "'" + shorten(s) + "'";
    }

    private static String shorten(String s) {
        String t = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }

    private static ModelException bad(String where, String field, String problem) {
        return new ModelException(where + Bundle.METADATA_NAME + " field " + field + ": " + problem);
    }
}
