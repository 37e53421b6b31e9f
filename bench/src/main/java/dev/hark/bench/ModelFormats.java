package dev.hark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.core.dataset.Clip;
import dev.hark.importers.tfcheckpoint.TfCheckpointTables;
import dev.hark.importers.vggish.VggishImporter;
import dev.hark.models.catalog.Sha256;
import dev.hark.models.head.Algorithm;
import dev.hark.models.head.Bundle;
import dev.hark.models.head.ClipModel;
import dev.hark.models.head.FeatureSettings;
import dev.hark.models.head.Pooling;
import dev.hark.models.head.Rejection;
import dev.hark.models.train.ClipFeatures;
import dev.hark.models.train.Trainer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The seeds of the model formats the fuzzer feeds to {@code hark} commands, and the mutations that reach inside a
 * {@code .hark} bundle: an ONNX embedder (the mini VGGish that {@code import-vggish} makes of the {@code .pth}
 * fixture), a bundle (a logistic head trained here on synthetic rows) and the mini VGGish TensorFlow checkpoint,
 * with mutations that get past the checksums of a bundle's zip and a checkpoint's blocks.
 */
final class ModelFormats {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LABELS = List.of("dog", "rain", "rooster");
    private static final int ROW_WIDTH = 4;

    private ModelFormats() {
    }

    /** The ONNX graph {@code hark models import-vggish} writes for the mini random VGGish {@code .pth}. */
    static byte[] onnxSeed(Path pth, Path work) throws IOException {
        Path onnx = work.resolve("seed-embedder.onnx");
        VggishImporter.importFile(pth, new VggishImporter.Options(onnx, false));
        byte[] b = Files.readAllBytes(onnx);
        Files.delete(onnx);
        return b;
    }

    /** A valid {@code .hark} bundle: logistic regression over mean-pooled 4-dimensional rows, three labels. */
    static byte[] bundleSeed(Path work) throws IOException {
        Random r = new Random(7);
        List<ClipFeatures> clips = new ArrayList<>();
        for (int l = 0; l < LABELS.size(); l++) {
            for (int i = 0; i < 6; i++) {
                float[][] p = new float[3][ROW_WIDTH];
                for (float[] row : p) {
                    for (int j = 0; j < ROW_WIDTH; j++) {
                        row[j] = (j == l ? 3 : 0) + (float) r.nextGaussian();
                    }
                }
                clips.add(new ClipFeatures(new Clip(Path.of("c" + l + i + ".wav"), LABELS.get(l), l, 1 + i % 2), p,
                        new double[] {0, 0.48, 0.96}));
            }
        }
        ClipModel model = Trainer.trainClipModel(clips, Pooling.MEAN, Algorithm.LOGISTIC,
                Algorithm.LOGISTIC.options(List.of("pca=0")), LABELS.size(), 42);
        FeatureSettings settings = new FeatureSettings("yamnet", "ab12", "yamnet", 48, Pooling.MEAN, ROW_WIDTH);
        Path file = work.resolve("seed.hark");
        Bundle.of(LABELS, settings, model, new Rejection(false, 0.5), Map.of("clips", clips.size())).save(file);
        byte[] b = Files.readAllBytes(file);
        Files.delete(file);
        return b;
    }

    /**
     * A mutation of a bundle: a third of them mutate the zip's bytes (most break its checksums), a third mutate
     * {@code metadata.json} (half as bytes, half a field set to an absurd value or removed) and zip it again, and a
     * third mutate {@code head.onnx} and zip it again with the metadata's sha256 of the head made to match, so that
     * the damage reaches the metadata checks, the graph checks and ONNX Runtime.
     */
    static byte[] mutateBundle(byte[] bundle, Random r) {
        int kind = r.nextInt(3);
        if (kind == 0) {
            return Mutator.mutate(bundle, r);
        }
        Map<String, byte[]> entries = entries(bundle);
        byte[] meta = entries.get("metadata.json");
        byte[] head = entries.get("head.onnx");
        if (kind == 1) {
            meta = r.nextBoolean() ? Mutator.mutate(meta, r) : mutateJson(meta, r);
        } else {
            byte[] mutated = Mutator.mutate(head, r);
            meta = new String(meta, StandardCharsets.UTF_8).replace(Sha256.of(head), Sha256.of(mutated))
                    .getBytes(StandardCharsets.UTF_8);
            head = mutated;
        }
        entries.put("metadata.json", meta);
        entries.put("head.onnx", head);
        return zip(entries);
    }

    /**
     * A mutation of a TensorFlow V1 checkpoint: two thirds mutate its bytes (the CRC32C of each block catches most),
     * a third change one to three bytes inside one data block (in its first 64 bytes half the time, where the entry
     * headers and keys are) and recompute the block's checksum, so that the damage reaches the entries, the protobuf
     * messages and the slices.
     */
    static byte[] mutateCheckpoint(byte[] ckpt, Random r) {
        if (r.nextInt(3) != 0) {
            return Mutator.mutate(ckpt, r);
        }
        byte[] b = ckpt.clone();
        List<int[]> blocks = TfCheckpointTables.dataBlocks(ckpt);
        int[] block = blocks.get(r.nextInt(blocks.size()));
        int span = r.nextBoolean() ? Math.min(block[1], 64) : block[1];
        for (int k = 0; k < 1 + r.nextInt(3); k++) {
            b[block[0] + r.nextInt(span)] = (byte) r.nextInt(256);
        }
        TfCheckpointTables.reseal(b, block[0], block[1]);
        return b;
    }

    private static final JsonNode[] ABSURD = {
        JsonNodeFactory.instance.numberNode(0), JsonNodeFactory.instance.numberNode(-1),
        JsonNodeFactory.instance.numberNode(Integer.MAX_VALUE), JsonNodeFactory.instance.numberNode(Long.MAX_VALUE),
        JsonNodeFactory.instance.numberNode(1e308), JsonNodeFactory.instance.numberNode(1e9),
        JsonNodeFactory.instance.numberNode(0.5), JsonNodeFactory.instance.textNode(""),
        JsonNodeFactory.instance.textNode("1"), JsonNodeFactory.instance.textNode("x".repeat(100_000)),
        JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.arrayNode(),
        JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.booleanNode(true),
    };

    /** One field anywhere in the JSON (an array element too) set to an absurd value, or removed. */
    static byte[] mutateJson(byte[] json, Random r) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            return Mutator.mutate(json, r);
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode c = containers.get(r.nextInt(containers.size()));
        JsonNode value = ABSURD[r.nextInt(ABSURD.length)];
        if (c instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.get(r.nextInt(names.size()));
            if (r.nextInt(4) == 0) {
                o.remove(name);
            } else {
                o.set(name, value);
            }
        } else if (c instanceof ArrayNode a) {
            if (a.size() == 0 || r.nextInt(4) == 0) {
                a.add(a.size() == 0 ? value : a.get(0));   // a duplicate (e.g. of a label) or a new element
            } else {
                a.set(r.nextInt(a.size()), value);
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (Iterator<JsonNode> it = n.elements(); it.hasNext();) {
                collect(it.next(), out);
            }
        }
    }

    private static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                m.put(e.getName(), in.readAllBytes());   // the seed, made above: trusted
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    private static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }
}
