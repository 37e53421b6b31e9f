package dev.hark.models.head;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.core.io.AtomicFile;
import dev.hark.errors.ModelException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A trained classifier as a {@code .hark} file: a zip holding {@code metadata.json} (format, label names, feature
 * settings, algorithm and options, training summary) and {@code model.ser} (the {@link ClipModel}, Java
 * serialisation, read back through a filter that admits only Hark, Smile and JDK classes). Written to a temporary
 * file and renamed.
 *
 * @param labels label names in score order
 * @param features the feature settings the model was trained with
 * @param model the classifier
 * @param summary free-form training summary (clips, folds, accuracy, time...), kept as JSON
 */
public record Bundle(List<String> labels, FeatureSettings features, ClipModel model, Map<String, Object> summary) {
    public static final String FORMAT = "hark-classifier";
    public static final int FORMAT_VERSION = 1;
    private static final String METADATA = "metadata.json";
    private static final String MODEL = "model.ser";
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

    /** Reads a bundle; anything missing, corrupt or of another format is a {@link ModelException} naming the file. */
    public static Bundle load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelException("classifier " + file + ": no such file");
        }
        byte[] metaBytes = null;
        byte[] modelBytes = null;
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (METADATA.equals(e.getName())) {
                    metaBytes = zip.readAllBytes();
                } else if (MODEL.equals(e.getName())) {
                    modelBytes = zip.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new ModelException("classifier " + file + ": not a readable .hark bundle (" + e.getMessage() + ")", e);
        }
        if (metaBytes == null || modelBytes == null) {
            throw new ModelException("classifier " + file + ": not a .hark bundle (expected a zip holding "
                    + METADATA + " and " + MODEL + ")");
        }
        try {
            JsonNode meta = JSON.readTree(metaBytes);
            if (!FORMAT.equals(meta.path("format").asText())) {
                throw new ModelException("classifier " + file + ": format is '" + meta.path("format").asText()
                        + "', expected '" + FORMAT + "'");
            }
            int version = meta.path("formatVersion").asInt(-1);
            if (version != FORMAT_VERSION) {
                throw new ModelException("classifier " + file + ": format version " + version + ", this Hark reads "
                        + FORMAT_VERSION);
            }
            List<String> labels = new ArrayList<>();
            meta.path("labels").forEach(n -> labels.add(n.asText()));
            JsonNode f = meta.path("features");
            FeatureSettings features = new FeatureSettings(f.path("model").asText(), f.path("modelSha256").asText(),
                    f.path("frontEnd").asText(), f.path("hopFrames").asInt(), Pooling.parse(f.path("pooling").asText()),
                    f.path("dimension").asInt());
            ClipModel model;
            try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(modelBytes))) {
                ois.setObjectInputFilter(ObjectInputFilter.Config.createFilter(
                        "maxdepth=200;java.lang.*;java.util.*;java.math.*;smile.**;dev.hark.**;!*"));
                model = (ClipModel) ois.readObject();
            }
            if (model.classifier().numLabels() != labels.size()) {
                throw new ModelException("classifier " + file + ": " + labels.size() + " labels in " + METADATA
                        + " but the model scores " + model.classifier().numLabels());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> summary = JSON.convertValue(meta.path("summary"), LinkedHashMap.class);
            return new Bundle(labels, features, model, summary == null ? Map.of() : summary);
        } catch (ModelException e) {
            throw e;
        } catch (IOException | ClassNotFoundException | ClassCastException | IllegalArgumentException e) {
            throw new ModelException("classifier " + file + ": corrupt .hark bundle (" + e.getMessage() + ")", e);
        }
    }
}
