package dev.hark.models.head;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.core.io.AtomicFile;
import dev.hark.errors.ModelException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A trained classifier as a {@code .hark} file: a zip holding {@code metadata.json} (format, label names, feature
 * settings, algorithm and options, training summary) and {@code model.ser} (the {@link ClipModel}, Java
 * serialisation). Loading treats the file as untrusted input (see {@link #load}). Written to a temporary file and
 * renamed.
 *
 * @param labels label names in score order
 * @param features the feature settings the model was trained with
 * @param model the classifier
 * @param summary free-form training summary (clips, folds, accuracy, time...), kept as JSON
 */
public record Bundle(List<String> labels, FeatureSettings features, ClipModel model, Map<String, Object> summary) {
    public static final String FORMAT = "hark-classifier";
    public static final int FORMAT_VERSION = 1;
    static final String METADATA_NAME = BundleArchive.METADATA;
    private static final String METADATA = BundleArchive.METADATA;
    private static final String MODEL = BundleArchive.MODEL;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Bundle {
        labels = List.copyOf(labels);
        summary = new LinkedHashMap<>(summary);
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
        a.put("algorithm", model.classifier().algorithm().cliName());
        a.set("options", JSON.valueToTree(new java.util.TreeMap<>(model.classifier().options())));
        a.put("standardised", model.classifier().algorithm().standardises());
        meta.set("summary", JSON.valueToTree(summary));
        ByteArrayOutputStream ser = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(ser)) {
            oos.writeObject(model);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFile.write(file, os -> {
            try (ZipOutputStream zip = new ZipOutputStream(os)) {
                zip.putNextEntry(new ZipEntry(METADATA));
                zip.write(JSON.writeValueAsBytes(meta));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(MODEL));
                ser.writeTo(zip);
                zip.closeEntry();
            }
        });
    }

    /**
     * Reads a bundle as untrusted input: sizes are capped before anything is inflated ({@link BundleArchive}),
     * every metadata field is checked ({@link BundleMetadata}), and the model is deserialised through a filter
     * admitting only the classes a Hark model consists of, with bounded depth, references, arrays and bytes
     * ({@link ModelStreamFilter}). Anything missing, corrupt, oversized or of another format is a
     * {@link ModelException} naming the file.
     */
    public static Bundle load(Path file) {
        String where = "classifier " + file + ": ";
        if (!Files.isRegularFile(file)) {
            throw new ModelException(where + "no such file");
        }
        BundleArchive archive = BundleArchive.read(file);
        if (archive.metadata() == null || archive.model() == null) {
            throw new ModelException(where + "not a .hark bundle (expected a zip holding " + METADATA + " and "
                    + MODEL + ")");
        }
        BundleMetadata meta = BundleMetadata.parse(archive.metadata(), JSON, where);
        ClipModel model = readModel(archive.model(), where);
        FittedClassifier c = model.classifier();
        FeatureSettings f = meta.features();
        if (model.pooling() != f.pooling()) {
            throw new ModelException(where + "the model pools " + model.pooling() + " but " + METADATA + " says "
                    + f.pooling());
        }
        if (c.algorithm() != meta.algorithm()) {
            throw new ModelException(where + "the model is " + c.algorithm().cliName() + " but " + METADATA
                    + " says " + meta.algorithm().cliName());
        }
        if (c.width() != f.rowWidth()) {
            throw new ModelException(where + "the model takes rows of " + c.width() + " values but " + METADATA
                    + " describes rows of " + f.rowWidth());
        }
        if (c.numLabels() != meta.labels().size()) {
            throw new ModelException(where + meta.labels().size() + " labels in " + METADATA
                    + " but the model scores " + c.numLabels());
        }
        return new Bundle(meta.labels(), f, model, meta.summary());
    }

    private static ClipModel readModel(byte[] bytes, String where) {
        ModelInputStream ois = null;
        try (ModelInputStream in = new ModelInputStream(bytes)) {
            ois = in;
            Object o = ois.readObject();
            if (!(o instanceof ClipModel m) || m.classifier() == null || m.pooling() == null
                    || ois.read() != -1) {
                throw new ModelException(where + "corrupt .hark bundle: " + MODEL + " does not hold one Hark model");
            }
            m.classifier().check();
            return m;
        } catch (ModelException e) {
            throw e;
        } catch (IOException | ClassNotFoundException | RuntimeException | StackOverflowError e) {
            String refusal = ois == null ? null : ois.refusal();
            String why = refusal != null ? "refused " + MODEL + ": it holds " + refusal
                    : "corrupt .hark bundle (" + MODEL + ": " + reason(e) + ")";
            throw new ModelException(where + why, e);
        }
    }

    /** An exception's message for a one-line error, or its type when it has none. */
    static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
