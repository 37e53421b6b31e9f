package dev.hark.models.head;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.core.io.AtomicFile;
import dev.hark.errors.ModelException;
import dev.hark.models.catalog.Sha256;
import dev.hark.models.onnx.HeadGraphCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A trained classifier as a {@code .hark} file: a zip holding {@code metadata.json} (format, labels, feature
 * settings with the embedder's sha256, algorithm and options, the head's input and output, the rejection, a
 * training summary) and {@code head.onnx}, the classifier as an ONNX graph ({@link HeadExporter}) that ONNX
 * Runtime runs. No Java serialisation is written or read. Loading treats the file as untrusted input (see
 * {@link #load}). Written to a temporary file and renamed.
 *
 * @param labels label names in score order
 * @param features the feature settings the model was trained with
 * @param algorithm the algorithm trained
 * @param options its options
 * @param rejection how the head says {@value Rejection#UNKNOWN}
 * @param head the ONNX graph's bytes
 * @param summary free-form training summary (clips, folds, accuracy, time...), kept as JSON
 */
public record Bundle(List<String> labels, FeatureSettings features, Algorithm algorithm, Map<String, String> options,
        Rejection rejection, byte[] head, Map<String, Object> summary) {
    public static final String FORMAT = "hark-classifier";
    public static final int FORMAT_VERSION = 2;
    static final String METADATA_NAME = BundleArchive.METADATA;
    /** What a bundle of format 1 (a Java-serialised model) is told, after the bundle's name. */
    static final String OLD_FORMAT = "a bundle of an older Hark (format 1: a Java-serialised model.ser, which this "
            + "Hark no longer reads, since loading it would run Java deserialisation on the file): train it again "
            + "with 'hark train'";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Bundle {
        labels = List.copyOf(labels);
        options = new TreeMap<>(options);
        summary = new LinkedHashMap<>(summary);
    }

    /** The bundle of a freshly trained classifier: its ONNX export, with the metadata describing it. */
    public static Bundle of(List<String> labels, FeatureSettings features, FittedClassifier c, Rejection rejection,
            Map<String, Object> summary) {
        if (c.columns() != rejection.columns(labels.size()) || c.width() != features.rowWidth()) {
            throw new IllegalArgumentException("classifier of " + c.columns() + " columns and rows of " + c.width()
                    + " for " + labels.size() + " labels, " + rejection + ", rows of " + features.rowWidth());
        }
        byte[] onnx = HeadExporter.export(c, "Hark head: " + c.algorithm().cliName() + " on " + features.describe()
                + "; columns " + labels + (rejection.background() ? " + background" : ""));
        return new Bundle(labels, features, c.algorithm(), c.options(), rejection, onnx, summary);
    }

    /** As {@link #of(List, FeatureSettings, FittedClassifier, Rejection, Map)} for a model freshly trained. */
    public static Bundle of(List<String> labels, FeatureSettings features, ClipModel model, Rejection rejection,
            Map<String, Object> summary) {
        if (model.pooling() != features.pooling() || !(model.classifier() instanceof FittedClassifier c)) {
            throw new IllegalArgumentException("a bundle is made of a freshly trained model pooled as its features");
        }
        return of(labels, features, c, rejection, summary);
    }

    /** Probability columns of the head: the labels, then the background class if it has one. */
    public int columns() {
        return rejection.columns(labels.size());
    }

    /** Opens the head graph in ONNX Runtime (close it when done). */
    public OnnxHead openHead(String location) {
        return OnnxHead.open(head, features.rowWidth(), columns(), location);
    }

    /** Writes the bundle to {@code file} atomically (temporary file in the same directory, then rename). */
    public void save(Path file) throws IOException {
        ObjectNode meta = JSON.createObjectNode();
        meta.put("format", FORMAT);
        meta.put("formatVersion", FORMAT_VERSION);
        meta.set("labels", JSON.valueToTree(labels));
        ObjectNode f = meta.putObject("features");
        f.put("model", features.model());
        f.put("modelSha256", features.modelSha256());
        f.put("frontEnd", features.frontEnd());
        f.put("hopFrames", features.hopFrames());
        f.put("pooling", features.pooling().cliName());
        f.put("dimension", features.dimension());
        ObjectNode a = meta.putObject("classifier");
        a.put("algorithm", algorithm.cliName());
        a.set("options", JSON.valueToTree(options));
        ObjectNode h = meta.putObject("head");
        h.put("file", BundleArchive.HEAD);
        h.put("sha256", Sha256.of(head));
        h.put("input", HeadExporter.INPUT);
        h.put("output", HeadExporter.OUTPUT);
        h.put("rowWidth", features.rowWidth());
        h.put("background", rejection.background());
        ObjectNode r = meta.putObject("rejection");
        r.put("minProbability", rejection.minProbability());
        meta.set("summary", JSON.valueToTree(summary));
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFile.write(file, os -> {
            try (ZipOutputStream zip = new ZipOutputStream(os)) {
                zip.putNextEntry(new ZipEntry(BundleArchive.METADATA));
                zip.write(JSON.writeValueAsBytes(meta));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(BundleArchive.HEAD));
                zip.write(head);
                zip.closeEntry();
            }
        });
    }

    /**
     * Reads a bundle as untrusted input: sizes are capped before anything is inflated ({@link BundleArchive}),
     * every metadata field is checked ({@link BundleMetadata}), the graph is checked for its operators, tensors
     * and shapes before ONNX Runtime sees it ({@link HeadGraphCheck}), then opened and run once. Anything missing,
     * corrupt, oversized, of another format or of the old (Java-serialised) one is a {@link ModelException} naming
     * the file.
     */
    public static Bundle load(Path file) {
        String where = "classifier " + file + ": ";
        if (!Files.isRegularFile(file)) {
            throw new ModelException(where + "no such file");
        }
        BundleArchive archive = BundleArchive.read(file);
        if (archive.metadata() == null || archive.head() == null) {
            throw new ModelException(where + "not a .hark bundle (expected a zip holding " + BundleArchive.METADATA
                    + " and " + BundleArchive.HEAD + ")");
        }
        BundleMetadata meta = BundleMetadata.parse(archive.metadata(), JSON, where);
        int columns = meta.rejection().columns(meta.labels().size());
        HeadGraphCheck.check(archive.head(), BundleArchive.HEAD, HeadExporter.INPUT, HeadExporter.OUTPUT,
                meta.features().rowWidth(), columns, where);
        Bundle b = new Bundle(meta.labels(), meta.features(), meta.algorithm(), meta.options(), meta.rejection(),
                archive.head(), meta.summary());
        try (OnnxHead probe = b.openHead("classifier " + file)) {
            return b;
        }
    }

    /** An exception's message for a one-line error, or its type when it has none. */
    static String reason(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            // in words, never the exception's class name (EOFException)
            return e instanceof java.io.EOFException ? "it ends in the middle of an entry: truncated"
                    : "corrupt, with no further detail";
        }
        return m.lines().findFirst().orElse(m);
    }
}
