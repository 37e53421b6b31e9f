package dev.hark.models.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import dev.hark.core.dataset.Clip;
import dev.hark.errors.ModelException;
import dev.hark.models.onnx.OnnxGraphBuilder;
import dev.hark.models.train.ClipFeatures;
import dev.hark.models.train.Trainer;
import dev.hark.testkit.HostileBundles;
import dev.hark.testkit.HostileBundles.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bundles as untrusted input: every hostile bundle a tester built (zip bombs, lying sizes, bad metadata, graphs
 * with operators, tensors or shapes a head does not have, and bundles of the old Java-serialised format holding
 * deserialisation bombs, which are refused without being read) is refused quickly with a one-line {@link
 * ModelException} naming the file. The limit is generous (10 s) so a loaded machine does not make it flaky; the
 * times measured are printed (all well under a second).
 */
class HostileBundleTest {
    static final long LIMIT_NANOS = 10_000_000_000L;
    static final List<String> LABELS = List.of("dog", "rain", "rooster");
    static final int D = 4;

    @TempDir
    static Path tmp;
    /** A real head fitting {@link HostileBundles#METADATA}: logistic regression on mean-pooled 4-dim rows. */
    static byte[] realModel;
    static ClipModel realSmile;
    static List<ClipFeatures> clips = new ArrayList<>();

    @BeforeAll
    static void trainRealModel() {
        Random r = new Random(7);
        for (int fold = 1; fold <= 2; fold++) {
            for (int l = 0; l < LABELS.size(); l++) {
                for (int i = 0; i < 4; i++) {
                    float[][] p = new float[3][D];
                    for (float[] row : p) {
                        for (int j = 0; j < D; j++) {
                            row[j] = (j == l ? 3 : 0) + (float) r.nextGaussian();
                        }
                    }
                    clips.add(new ClipFeatures(new Clip(Path.of("c" + fold + l + i + ".wav"), LABELS.get(l), l, fold),
                            p, new double[] {0, 0.48, 0.96}));
                }
            }
        }
        realSmile = Trainer.trainClipModel(clips, Pooling.MEAN, Algorithm.LOGISTIC,
                Algorithm.LOGISTIC.options(List.of("pca=0")), LABELS.size(), 42);
        realModel = HeadExporter.export((FittedClassifier) realSmile.classifier(), "test");
    }

    /** Every algorithm a head can be and its model-changing options save, load and score as the Smile model. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "logistic|mean|pca=0", "logistic|none|pca=2", "svm|mean|kernel=linear", "svm|none|kernel=gaussian",
        "knn|mean|distance=cosine", "knn|none|distance=euclidean", "mlp|mean+std|hidden=8", "mlp|none|epochs=3",
    })
    void realBundlesOfEveryAlgorithmLoadAndScoreAlike(String algorithm, String pooling, String option)
            throws IOException {
        Algorithm a = Algorithm.parse(algorithm);
        Pooling p = Pooling.parse(pooling);
        ClipModel model = Trainer.trainClipModel(clips, p, a, a.options(List.of(option)), LABELS.size(), 42);
        Path file = tmp.resolve(algorithm + "-" + option.replace('=', '-') + ".hark");
        FeatureSettings settings = new FeatureSettings("yamnet", "ab12", "yamnet", 48, p, D);
        Bundle.of(LABELS, settings, model, new Rejection(false, 0.5), Map.of("clips", clips.size())).save(file);
        long t0 = System.nanoTime();
        Bundle b = Bundle.load(file);
        System.out.printf(java.util.Locale.ROOT, "%s: loaded in %.3f s%n", file.getFileName(), (System.nanoTime() - t0) / 1e9);
        try (OnnxHead head = b.openHead("test")) {
            ClipModel loaded = new ClipModel(p, head);
            for (ClipFeatures c : clips) {
                assertArrayEquals(model.clipPosteriors(c.patches()), loaded.clipPosteriors(c.patches()), 1e-9,
                        c.clip().path().toString());
            }
        }
    }

    /** Writes {@code bytes} as {@code name}, loads it and returns the refusal, checked for form and time. */
    static ModelException refused(String name, byte[] bytes, String... expected) throws IOException {
        Path file = Files.write(tmp.resolve(name), bytes);
        long t0 = System.nanoTime();
        ModelException e = assertThrows(ModelException.class, () -> Bundle.load(file));
        long nanos = System.nanoTime() - t0;
        String m = e.getMessage();
        System.out.printf(java.util.Locale.ROOT, "%s (%d bytes): refused in %.3f s: %s%n", name, bytes.length,
                nanos / 1e9, m);
        assertTrue(m.startsWith("classifier " + file + ": "), m);
        assertFalse(m.contains("\n") || m.contains("\r"), "one line: " + m);
        for (String part : expected) {
            assertTrue(m.contains(part), "expected '" + part + "' in: " + m);
        }
        assertTrue(nanos < LIMIT_NANOS, name + " took " + nanos / 1e9 + " s");
        return e;
    }

    static byte[] withModel(byte[] model) {
        return HostileBundles.bundle(HostileBundles.METADATA, model);
    }

    static byte[] withModel(byte[] model, String metadata) {
        return HostileBundles.bundle(metadata, model);
    }

    @Test
    void theTestBundleLoadsSoTheRefusalsBelowAreForTheirOwnReason() throws IOException {
        Path file = Files.write(tmp.resolve("good.hark"), withModel(realModel));
        Bundle b = Bundle.load(file);
        assertEquals(LABELS, b.labels());
        assertEquals(new FeatureSettings("yamnet", "ab12", "yamnet", 48, Pooling.MEAN, D), b.features());
        assertEquals(new Rejection(false, 0.5), b.rejection());
        try (OnnxHead h = b.openHead("test")) {
            double[] p = new ClipModel(Pooling.MEAN, h).clipPosteriors(new float[][] {{0, 0, 4, 0}});
            assertEquals(2, ClipModel.argmax(p), java.util.Arrays.toString(p));
        }
    }

    /** Bundles of the old format (Java serialisation) are refused by their layout; the model stream is never read. */
    @Test
    void oldFormatBundlesAndTheDeserialisationBombsInThemAreRefusedUnread() throws IOException {
        String old = "a bundle of an older Hark (format 1: a Java-serialised model.ser";
        refused("hashset-30.hark", HostileBundles.legacyBundle(HostileBundles.hashSetBomb(30)), old, "train it again");
        refused("hashset-100.hark", HostileBundles.legacyBundle(HostileBundles.hashSetBomb(100)), old);
        refused("hashmap-100.hark", HostileBundles.legacyBundle(HostileBundles.hashMapBomb(100)), old);
        refused("list-keys.hark", HostileBundles.legacyBundle(HostileBundles.listKeyBomb(100)), old);
        refused("long-array.hark", HostileBundles.legacyBundle(HostileBundles.longArray(0x7ffffff0)), old);
        refused("huge-hashmap.hark", HostileBundles.legacyBundle(HostileBundles.hugeHashMap()), old);
        HostileBundles.Stranger.created = false;
        refused("stranger.hark", HostileBundles.legacyBundle(HostileBundles.serialise(new HostileBundles.Stranger())),
                old);
        assertFalse(HostileBundles.Stranger.created);
        refused("garbage.hark", HostileBundles.legacyBundle(new byte[] {(byte) 0xac, (byte) 0xed, 0, 5, 0x73, 0x01}),
                old);
        Entry bomb = HostileBundles.zeros("model.ser", THREE_GIB_MATCHES);
        refused("old-zip-bomb.hark", HostileBundles.zip(List.of(Entry.of("metadata.json",
                HostileBundles.LEGACY_METADATA), bomb)), old);
        // the new layout with metadata of format 1 gets the same message
        refused("old-metadata.hark", withModel(realModel, HostileBundles.METADATA.replace("\"formatVersion\" : 2",
                "\"formatVersion\" : 1")), old);
    }

    static final long THREE_GIB_MATCHES = (3L << 30) / 258;

    @Test
    void entryInflatingToGigabytesIsRefusedByItsDeclaredSize() throws IOException {
        Entry bomb = HostileBundles.zeros("head.onnx", THREE_GIB_MATCHES);
        byte[] zip = HostileBundles.zip(List.of(Entry.of("metadata.json", HostileBundles.METADATA), bomb));
        assertTrue(zip.length < 25 << 20, "a small file: " + zip.length);
        refused("zip-bomb.hark", zip, "head.onnx declares 3072.0 MiB, more than the");
    }

    @Test
    void entryLyingAboutItsSizeIsReadOnlyToItsDeclaredSize() throws IOException {
        Entry bomb = HostileBundles.zeros("head.onnx", THREE_GIB_MATCHES).declaring(1000);
        byte[] zip = HostileBundles.zip(List.of(Entry.of("metadata.json", HostileBundles.METADATA), bomb));
        refused("lying-size.hark", zip, "head.onnx inflates to more but declares 1000 bytes");
        Entry shortMeta = Entry.of("metadata.json", HostileBundles.METADATA).declaring(100_000);
        refused("short-entry.hark", HostileBundles.zip(List.of(shortMeta, Entry.of("head.onnx", realModel))),
                "metadata.json inflates to", "but declares 100000 bytes");
    }

    @Test
    void extraEntriesAreRefusedUnreadHoweverLarge() throws IOException {
        Entry unused = HostileBundles.zeros("padding.bin", THREE_GIB_MATCHES);
        byte[] zip = HostileBundles.zip(List.of(Entry.of("metadata.json", HostileBundles.METADATA),
                Entry.of("head.onnx", realModel), unused));
        refused("extra-entry.hark", zip, "3 zip entries");
        List<Entry> many = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add(Entry.of("e" + i, new byte[0]));
        }
        refused("many-entries.hark", HostileBundles.zip(many), "5000 zip entries");
        zip = HostileBundles.zip(List.of(Entry.of("metadata.json", HostileBundles.METADATA),
                Entry.of("head.onnx\n", realModel)));
        refused("odd-name.hark", zip, "unexpected zip entry 'head.onnx?'");
        zip = HostileBundles.zip(List.of(Entry.of("metadata.json", HostileBundles.METADATA),
                Entry.of("metadata.json", HostileBundles.METADATA)));
        refused("twice.hark", zip, "unexpected zip entry 'metadata.json'");
    }

    @Test
    void notAZipIsRefused() throws IOException {
        refused("text.hark", "not a zip".getBytes(), "not a readable .hark bundle");
        refused("empty.hark", new byte[0], "not a readable .hark bundle");
    }

    /** Each row: the text replaced in the valid metadata, its replacement, what the message must say. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`\"format\" : \"hark-classifier\"`|`\"format\" : \"zip\"`|field format: 'zip', expected 'hark-classifier'",
        "`\"formatVersion\" : 2`|`\"formatVersion\" : \"2\"`|field formatVersion: \"2\", this Hark reads 2",
        "`\"formatVersion\" : 2`|`\"formatVersion\" : 3`|field formatVersion: 3, this Hark reads 2",
        "`\"formatVersion\" : 2`|`\"formatVersion\" : 2.0`|field formatVersion: 2.0, this Hark reads 2",
        "`\"labels\" : [ \"dog\", \"rain\", \"rooster\" ]`|`\"labels\" : [ ]`|field labels: expected an array of 1 to",
        "`\"labels\" : [ \"dog\", \"rain\", \"rooster\" ]`|`\"labels\" : \"dog\"`|field labels: expected an array",
        "`\"labels\" : [ \"dog\", \"rain\", \"rooster\" ]`|`\"x\" : 0`|field labels: missing",
        "`\"rain\"`|`\"\"`|field labels: entry 2 holds \"\", expected a non-blank name",
        "`\"rain\"`|`\"  \"`|field labels: entry 2 holds \"  \", expected a non-blank name",
        "`\"rain\"`|`\"dog\"`|field labels: 'dog' appears twice",
        "`\"rain\"`|`7`|field labels: entry 2 holds 7",
        "`\"rain\"`|`\"a\\nb\"`|field labels: entry 2 holds",
        "`\"features\" : {`|`\"featurez\" : {`|field features: missing",
        "`\"model\" : \"yamnet\"`|`\"model\" : \"\"`|field features.model: '', expected a non-blank name",
        "`\"model\" : \"yamnet\"`|`\"model\" : 3`|field features.model: 3, expected a string",
        "`\"modelSha256\" : \"ab12\"`|`\"modelSha256\" : \"xyz\"`|field features.modelSha256: 'xyz'",
        "`\"frontEnd\" : \"yamnet\"`|`\"frontEnd\" : \"mp3\"`|field features.frontEnd: 'mp3', expected yamnet or vggish",
        "`\"hopFrames\" : 48`|`\"hopFrames\" : 1e9`|field features.hopFrames: 1.0E9, expected a whole number in [1, 96]",
        "`\"hopFrames\" : 48`|`\"hopFrames\" : 1000000000`|field features.hopFrames: 1000000000, expected",
        "`\"hopFrames\" : 48`|`\"hopFrames\" : 0`|field features.hopFrames: 0, expected a whole number in [1, 96]",
        "`\"hopFrames\" : 48`|`\"hopFrames\" : 97`|field features.hopFrames: 97",
        "`\"hopFrames\" : 48`|`\"hopFrames\" : -48`|field features.hopFrames: -48",
        "`\"hopFrames\" : 48`|`\"x\" : 48`|field features.hopFrames: missing",
        "`\"pooling\" : \"mean\"`|`\"pooling\" : \"median\"`|field features.pooling: 'median', expected none, mean",
        "`\"pooling\" : \"mean\"`|`\"x\" : \"mean\"`|field features.pooling: missing",
        "`\"dimension\" : 4`|`\"dimension\" : 0`|field features.dimension: 0, expected a whole number in [1, 65536]",
        "`\"dimension\" : 4`|`\"dimension\" : 99999999999`|field features.dimension: 99999999999",
        "`\"algorithm\" : \"logistic\"`|`\"algorithm\" : \"tree\"`|field classifier.algorithm: 'tree'",
        "`\"classifier\" : {`|`\"classifiers\" : {`|field classifier: missing",
        "`\"options\" : { \"pca\" : \"0\" }`|`\"options\" : { \"pca\" : 0 }`|field classifier.options: entry 'pca' holds 0",
        "`\"options\" : { \"pca\" : \"0\" }`|`\"options\" : [ ]`|field classifier.options: not a JSON object",
        "`\"rain\"`|`\"unknown\"`|field labels: 'unknown' is what a head says",
        "`\"head\" : {`|`\"heads\" : {`|field head: missing",
        "`\"input\" : \"rows\"`|`\"input\" : \"x\"`|field head.input: 'x', expected 'rows'",
        "`\"output\" : \"probabilities\"`|`\"output\" : 7`|field head.output: 7, expected a string",
        "`\"rowWidth\" : 4`|`\"rowWidth\" : 5`|field head.rowWidth: 5, expected a whole number 4",
        "`\"background\" : false`|`\"background\" : \"no\"`|field head.background: \"no\", expected true or false",
        "`\"background\" : false`|`\"x\" : false`|field head.background: missing",
        "`\"minProbability\" : 0.5`|`\"minProbability\" : 1.5`|field rejection.minProbability: 1.5, expected a number in [0, 1]",
        "`\"minProbability\" : 0.5`|`\"minProbability\" : \"0.5\"`|field rejection.minProbability: \"0.5\"",
        "`\"rejection\" : {`|`\"rejections\" : {`|field rejection: missing",
        "`\"summary\" : { \"clips\" : 12 }`|`\"summary\" : 12`|field summary: not a JSON object",
        "`\"format\"`|`\"format\" : 1, \"format\"`|metadata.json is not JSON",
    })
    void everyMetadataFieldIsCheckedAndNamed(String from, String to, String expected) throws IOException {
        assertTrue(HostileBundles.METADATA.contains(from), from);
        String meta = HostileBundles.METADATA.replace(from, to);
        refused("meta.hark", HostileBundles.bundle(meta, realModel), "metadata.json", expected);
    }

    @Test
    void metadataThatDoesNotDescribeTheGraphIsRefused() throws IOException {
        String meta = HostileBundles.METADATA;
        refused("dim.hark", HostileBundles.bundle(meta.replace("\"dimension\" : 4", "\"dimension\" : 5")
                .replace("\"rowWidth\" : 4", "\"rowWidth\" : 5"), realModel),
                "head.onnx: input rows: expected shape [N,5], found [N,4]");
        refused("labels.hark", HostileBundles.bundle(meta.replace(", \"rooster\"", ""), realModel),
                "head.onnx: output probabilities: expected shape [N,2], found [N,3]");
        refused("background.hark", HostileBundles.bundle(meta.replace("\"background\" : false",
                "\"background\" : true"), realModel), "output probabilities: expected shape [N,4], found [N,3]");
        refused("pool.hark", HostileBundles.bundle(meta.replace("\"mean\"", "\"mean+std\""), realModel),
                "field head.rowWidth: 4, expected a whole number 8");
        refused("mfcc.hark", HostileBundles.bundle(meta.replace("\"model\" : \"yamnet\"", "\"model\" : \"mfcc\""),
                realModel), "field features.hopFrames: 48, expected a whole number 0");
        refused("json.hark", HostileBundles.bundle("[1, 2]", realModel), "metadata.json is not a JSON object");
    }

    /** A graph of {@code build}'s nodes on a float64 input rows [N,4], output probabilities [N,3]. */
    static byte[] graph(Consumer<OnnxGraphBuilder> build) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("hostile");
        g.doubleInput("rows", -1, D);
        build.accept(g);
        g.doubleOutput("probabilities", -1, 3);
        return g.model("1", "", Map.of()).toByteArray();
    }

    static byte[] withGraph(Consumer<OnnxGraphBuilder> build) {
        return withModel(graph(build));
    }

    @Test
    void graphsWithOperatorsTensorsOrShapesAHeadDoesNotHaveAreRefusedBeforeOnnxRuntimeRunsThem()
            throws IOException {
        double[][] w = new double[D][3];
        refused("unknown-op.hark", withGraph(g -> g.node("HarkBomb", List.of("rows"), "probabilities")),
                "operator 'HarkBomb' is not one a Hark head uses");
        refused("loop.hark", withGraph(g -> g.node("Loop", List.of("rows"), "probabilities")),
                "operator 'Loop' is not one a Hark head uses");
        OnnxMl.ModelProto ml = OnnxMl.ModelProto.parseFrom(graph(g -> g.node("MatMul",
                List.of("rows", g.doubles("w", w)), "probabilities")));
        OnnxMl.ModelProto.Builder custom = ml.toBuilder();
        custom.getGraphBuilder().getNodeBuilder(0).setDomain("ai.onnx.ml").setOpType("TreeEnsembleClassifier");
        refused("custom-domain.hark", withModel(custom.build().toByteArray()),
                "operator 'TreeEnsembleClassifier' of domain 'ai.onnx.ml' is not one a Hark head uses");
        OnnxMl.ModelProto.Builder external = ml.toBuilder();
        external.getGraphBuilder().getInitializerBuilder(0).clearRawData()
                .setDataLocation(OnnxMl.TensorProto.DataLocation.EXTERNAL)
                .addExternalData(OnnxMl.StringStringEntryProto.newBuilder().setKey("location").setValue("/etc/passwd"));
        refused("external-data.hark", withModel(external.build().toByteArray()),
                "initializer 'w' refers to external data");
        OnnxMl.ModelProto.Builder huge = ml.toBuilder();
        huge.getGraphBuilder().getInitializerBuilder(0).clearDims().addDims(1L << 40).addDims(1L << 40);
        refused("huge-dims.hark", withModel(huge.build().toByteArray()), "initializer 'w' has dimension 1099511627776");
        OnnxMl.ModelProto.Builder lying = ml.toBuilder();
        lying.getGraphBuilder().getInitializerBuilder(0).clearDims().addDims(4000).addDims(3);
        refused("lying-tensor.hark", withModel(lying.build().toByteArray()),
                "initializer 'w' declares 12000 values but holds 12");
        OnnxMl.ModelProto.Builder floats = ml.toBuilder();
        floats.getGraphBuilder().getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder()
                .setElemType(OnnxMl.TensorProto.DataType.FLOAT_VALUE);
        refused("float-input.hark", withModel(floats.build().toByteArray()), "input rows: expected a float64 tensor");
        OnnxMl.ModelProto.Builder opset = ml.toBuilder();
        opset.getOpsetImportBuilder(0).setVersion(99);
        refused("opset.hark", withModel(opset.build().toByteArray()), "opset 99, expected 13 to 21");
        OnnxGraphBuilder renamed = new OnnxGraphBuilder("hostile");
        renamed.doubleInput("x", -1, D);
        renamed.node("MatMul", List.of("x", renamed.doubles("w", w)), "probabilities");
        renamed.doubleOutput("probabilities", -1, 3);
        refused("input-name.hark", withModel(renamed.model("1", "", Map.of()).toByteArray()),
                "expected one input 'rows', found ['x']");
        refused("not-onnx.hark", withModel("not a graph".getBytes()), "head.onnx is not an ONNX model");
        // passes every static rule, but its weights do not fit its input: ONNX Runtime refuses it, named
        refused("wrong-shapes.hark", withGraph(g -> g.node("MatMul", List.of("rows", g.doubles("w", new double[7][3])),
                "probabilities")), "ONNX Runtime cannot");
        // runs, but gives no probabilities
        refused("not-probabilities.hark", withGraph(g -> {
            g.node("MatMul", List.of("rows", g.doubles("w", new double[D][3])), "z");
            g.node("Add", List.of("z", g.doubles("b", new long[] {3}, new double[] {5, 5, 5})), "probabilities");
        }), "the head gives a probability of 5.0");
    }
}
