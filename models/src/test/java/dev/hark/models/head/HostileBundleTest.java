package dev.hark.models.head;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.dataset.Clip;
import dev.hark.errors.ModelException;
import dev.hark.models.train.ClipFeatures;
import dev.hark.models.train.Trainer;
import dev.hark.testkit.HostileBundles;
import dev.hark.testkit.HostileBundles.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bundles as untrusted input: every hostile bundle a tester built (deserialisation bombs, huge array declarations,
 * zip bombs, lying sizes, bad metadata) is refused quickly with a one-line {@link ModelException} naming the file.
 * The limit is generous (10 s) so a loaded machine does not make it flaky; the times measured are printed.
 */
class HostileBundleTest {
    static final long LIMIT_NANOS = 10_000_000_000L;
    static final List<String> LABELS = List.of("dog", "rain", "rooster");
    static final int D = 4;

    @TempDir
    static Path tmp;
    /** A real model fitting {@link HostileBundles#METADATA}: logistic regression on mean-pooled 4-dim rows. */
    static byte[] realModel;
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
        ClipModel model = Trainer.trainClipModel(clips, Pooling.MEAN, Algorithm.LOGISTIC,
                Algorithm.LOGISTIC.options(List.of("pca=0")), LABELS.size(), 42);
        realModel = HostileBundles.serialise(model);
    }

    /** Every algorithm and model-changing option still saves and loads through the filter, scoring the same. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "logistic|mean|pca=0", "logistic|none|pca=2", "svm|mean|kernel=linear", "svm|none|kernel=gaussian",
        "knn|mean|distance=cosine", "knn|none|distance=euclidean", "forest|mean|trees=20", "forest|none|max_depth=1000",
        "mlp|mean+std|hidden=8", "mlp|none|epochs=3",
    })
    void realBundlesOfEveryAlgorithmLoadAndScoreAlike(String algorithm, String pooling, String option)
            throws IOException {
        Algorithm a = Algorithm.parse(algorithm);
        Pooling p = Pooling.parse(pooling);
        ClipModel model = Trainer.trainClipModel(clips, p, a, a.options(List.of(option)), LABELS.size(), 42);
        Path file = tmp.resolve(algorithm + "-" + option.replace('=', '-') + ".hark");
        FeatureSettings settings = new FeatureSettings("yamnet", "ab12", "yamnet", 48, p, D);
        new Bundle(LABELS, settings, model, java.util.Map.of("clips", clips.size())).save(file);
        long t0 = System.nanoTime();
        Bundle b = Bundle.load(file);
        System.out.printf(java.util.Locale.ROOT, "%s: loaded in %.3f s%n", file.getFileName(), (System.nanoTime() - t0) / 1e9);
        for (ClipFeatures c : clips) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(model.clipPosteriors(c.patches()),
                    b.model().clipPosteriors(c.patches()), 0.0, c.clip().path().toString());
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

    @Test
    void theTestBundleLoadsSoTheRefusalsBelowAreForTheirOwnReason() throws IOException {
        Path file = Files.write(tmp.resolve("good.hark"), withModel(realModel));
        Bundle b = Bundle.load(file);
        assertEquals(LABELS, b.labels());
        assertEquals(new FeatureSettings("yamnet", "ab12", "yamnet", 48, Pooling.MEAN, D), b.features());
        double[] p = b.model().clipPosteriors(new float[][] {{0, 0, 4, 0}});
        assertEquals(2, ClipModel.argmax(p), java.util.Arrays.toString(p));
    }

    @Test
    void hashSetBombIsRefusedByClassBeforeAnyHashing() throws IOException {
        for (int depth : new int[] {30, 100}) {
            byte[] bomb = HostileBundles.hashSetBomb(depth);
            refused("hashset-" + depth + ".hark", withModel(bomb), "refused model.ser", "class java.util.HashSet");
        }
    }

    @Test
    void bombOfAnAdmittedCollectionClassIsRefusedWhenTheFirstNestedMapIsComplete() throws IOException {
        // HashMap and ArrayList are admitted (Smile's IntSet and cover tree hold them), so only the check of what a
        // collection holds stops these
        refused("hashmap-100.hark", withModel(HostileBundles.hashMapBomb(100)), "refused model.ser",
                "a map or collection holding java.util.HashMap");
        refused("list-keys.hark", withModel(HostileBundles.listKeyBomb(100)), "refused model.ser",
                "a map or collection holding java.util.ArrayList");
    }

    @Test
    void hugeArrayDeclarationsAreRefusedBeforeAllocation() throws IOException {
        byte[] longs = HostileBundles.longArray(0x7ffffff0);
        assertEquals(27, longs.length);
        refused("long-array.hark", withModel(longs), "refused model.ser", "an array of 2147483632 elements");
        byte[] map = HostileBundles.hugeHashMap();
        refused("huge-hashmap.hark", withModel(map), "refused model.ser", "an array of 1073741824 elements");
    }

    @Test
    void classesOutsideAHarkModelAreNeverInstantiated() throws IOException {
        HostileBundles.Stranger.created = false;
        refused("stranger.hark", withModel(HostileBundles.serialise(new HostileBundles.Stranger())),
                "class dev.hark.testkit.HostileBundles$Stranger, which is not part of a Hark model");
        assertFalse(HostileBundles.Stranger.created);
    }

    @Test
    void garbageAndTrailingObjectsInTheModelStreamAreCorrupt() throws IOException {
        refused("garbage.hark", withModel(new byte[] {(byte) 0xac, (byte) 0xed, 0, 5, 0x73, 0x01}), "corrupt");
        refused("string.hark", withModel(HostileBundles.serialise("not a model")), "does not hold one Hark model");
        byte[] two = new byte[realModel.length + 4];
        System.arraycopy(realModel, 0, two, 0, realModel.length);
        System.arraycopy(new byte[] {0x77, 0x02, 1, 2}, 0, two, realModel.length, 4);
        refused("trailing.hark", withModel(two), "does not hold one Hark model");
    }

    static final long THREE_GIB_MATCHES = (3L << 30) / 258;

    @Test
    void entryInflatingToGigabytesIsRefusedByItsDeclaredSize() throws IOException {
        Entry bomb = HostileBundles.zeros("model.ser", THREE_GIB_MATCHES);
        byte[] zip = HostileBundles.zip(List.of(Entry.of("metadata.json", HostileBundles.METADATA), bomb));
        assertTrue(zip.length < 25 << 20, "a small file: " + zip.length);
        refused("zip-bomb.hark", zip, "model.ser declares 3072.0 MiB, more than the");
    }

    @Test
    void entryLyingAboutItsSizeIsReadOnlyToItsDeclaredSize() throws IOException {
        Entry bomb = HostileBundles.zeros("model.ser", THREE_GIB_MATCHES).declaring(1000);
        byte[] zip = HostileBundles.zip(List.of(Entry.of("metadata.json", HostileBundles.METADATA), bomb));
        refused("lying-size.hark", zip, "model.ser inflates to more but declares 1000 bytes");
        Entry shortMeta = Entry.of("metadata.json", HostileBundles.METADATA).declaring(100_000);
        refused("short-entry.hark", HostileBundles.zip(List.of(shortMeta, Entry.of("model.ser", realModel))),
                "metadata.json inflates to", "but declares 100000 bytes");
    }

    @Test
    void extraEntriesAreRefusedUnreadHoweverLarge() throws IOException {
        Entry unused = HostileBundles.zeros("padding.bin", THREE_GIB_MATCHES);
        byte[] zip = HostileBundles.zip(List.of(Entry.of("metadata.json", HostileBundles.METADATA),
                Entry.of("model.ser", realModel), unused));
        refused("extra-entry.hark", zip, "3 zip entries");
        List<Entry> many = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add(Entry.of("e" + i, new byte[0]));
        }
        refused("many-entries.hark", HostileBundles.zip(many), "5000 zip entries");
        zip = HostileBundles.zip(List.of(Entry.of("metadata.json", HostileBundles.METADATA),
                Entry.of("model.ser\n", realModel)));
        refused("odd-name.hark", zip, "unexpected zip entry 'model.ser?'");
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
        "`\"formatVersion\" : 1`|`\"formatVersion\" : \"1\"`|field formatVersion: \"1\", this Hark reads 1",
        "`\"formatVersion\" : 1`|`\"formatVersion\" : 2`|field formatVersion: 2, this Hark reads 1",
        "`\"formatVersion\" : 1`|`\"formatVersion\" : 1.0`|field formatVersion: 1.0, this Hark reads 1",
        "`\"labels\" : [ \"dog\", \"rain\", \"rooster\" ]`|`\"labels\" : [ ]`|field labels: expected an array of 1 to",
        "`\"labels\" : [ \"dog\", \"rain\", \"rooster\" ]`|`\"labels\" : \"dog\"`|field labels: expected an array",
        "`\"labels\" : [ \"dog\", \"rain\", \"rooster\" ]`|`\"x\" : 0`|field labels: missing",
        "`\"rain\"`|`\"\"`|field labels: entry 2 is \"\", expected a non-blank name",
        "`\"rain\"`|`\"  \"`|field labels: entry 2 is \"  \", expected a non-blank name",
        "`\"rain\"`|`\"dog\"`|field labels: 'dog' appears twice",
        "`\"rain\"`|`7`|field labels: entry 2 is 7",
        "`\"rain\"`|`\"a\\nb\"`|field labels: entry 2 is",
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
        "`\"summary\" : { \"clips\" : 12 }`|`\"summary\" : 12`|field summary: not a JSON object",
        "`\"format\"`|`\"format\" : 1, \"format\"`|metadata.json is not JSON",
    })
    void everyMetadataFieldIsCheckedAndNamed(String from, String to, String expected) throws IOException {
        assertTrue(HostileBundles.METADATA.contains(from), from);
        String meta = HostileBundles.METADATA.replace(from, to);
        refused("meta.hark", HostileBundles.bundle(meta, realModel), "metadata.json", expected);
    }

    @Test
    void metadataThatDoesNotDescribeTheModelIsRefused() throws IOException {
        String meta = HostileBundles.METADATA;
        refused("pool.hark", HostileBundles.bundle(meta.replace("\"mean\"", "\"none\""), realModel),
                "the model pools mean but metadata.json says none");
        refused("algo.hark", HostileBundles.bundle(meta.replace("\"logistic\"", "\"knn\""), realModel),
                "the model is logistic but metadata.json says knn");
        refused("dim.hark", HostileBundles.bundle(meta.replace("\"dimension\" : 4", "\"dimension\" : 5"), realModel),
                "the model takes rows of 4 values but metadata.json describes rows of 5");
        refused("labels.hark", HostileBundles.bundle(meta.replace(", \"rooster\"", ""), realModel),
                "2 labels in metadata.json but the model scores 3");
        refused("mfcc.hark", HostileBundles.bundle(meta.replace("\"model\" : \"yamnet\"", "\"model\" : \"mfcc\""),
                realModel), "field features.hopFrames: 48, expected a whole number 0");
        refused("json.hark", HostileBundles.bundle("[1, 2]", realModel), "metadata.json is not a JSON object");
    }
}
