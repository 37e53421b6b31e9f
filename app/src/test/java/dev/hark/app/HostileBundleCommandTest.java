package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.testkit.HostileBundles;
import dev.hark.testkit.HostileBundles.Entry;
import dev.hark.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a user sees when {@code classify --classifier} or {@code evaluate --classifier} is given a hostile bundle:
 * exit 3 and one line naming the bundle, within 10 s (a generous bound; the times measured are printed).
 */
class HostileBundleCommandTest {
    static final long LIMIT_NANOS = 10_000_000_000L;

    @TempDir
    static Path tmp;

    static byte[] bundle(String kind) {
        String meta = HostileBundles.METADATA;
        byte[] any = "unused: the metadata is refused first".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return switch (kind) {
            // bundles of the old format (a Java-serialised model.ser) are refused without reading the model
            case "hashset-bomb" -> HostileBundles.legacyBundle(HostileBundles.hashSetBomb(40));
            case "hashmap-bomb" -> HostileBundles.legacyBundle(HostileBundles.hashMapBomb(40));
            case "long-array" -> HostileBundles.legacyBundle(HostileBundles.longArray(0x7ffffff0));
            case "huge-hashmap" -> HostileBundles.legacyBundle(HostileBundles.hugeHashMap());
            case "zip-bomb" -> HostileBundles.zip(List.of(Entry.of("metadata.json", meta),
                    HostileBundles.zeros("head.onnx", (3L << 30) / 258)));
            case "lying-zip-bomb" -> HostileBundles.zip(List.of(Entry.of("metadata.json", meta),
                    HostileBundles.zeros("head.onnx", (3L << 30) / 258).declaring(4096)));
            case "unused-entry" -> HostileBundles.zip(List.of(Entry.of("metadata.json", meta),
                    Entry.of("head.onnx", any), HostileBundles.zeros("padding.bin", (3L << 30) / 258)));
            case "not-onnx" -> HostileBundles.bundle(meta, any);
            case "wrong-types" -> HostileBundles.bundle(meta.replace("\"rowWidth\" : 4", "\"rowWidth\" : \"4\""), any);
            case "no-features" -> HostileBundles.bundle(meta.replace("\"features\"", "\"feature\""), any);
            case "unknown-pooling" -> HostileBundles.bundle(meta.replace("\"mean\"", "\"max\""), any);
            case "huge-hop" -> HostileBundles.bundle(meta.replace("\"hopFrames\" : 48", "\"hopFrames\" : 1e9"), any);
            case "empty-label" -> HostileBundles.bundle(meta.replace("\"rain\"", "\"\""), any);
            case "duplicate-label" -> HostileBundles.bundle(meta.replace("\"rain\"", "\"dog\""), any);
            case "string-version" -> HostileBundles.bundle(meta.replace("\"formatVersion\" : 2",
                    "\"formatVersion\" : \"2\""), any);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashset-bomb", "hashmap-bomb", "long-array", "huge-hashmap", "zip-bomb",
        "lying-zip-bomb", "unused-entry", "no-features", "unknown-pooling", "huge-hop", "empty-label",
        "duplicate-label", "string-version", "not-onnx", "wrong-types"})
    void classifyAndEvaluateRefuseTheBundleWithExit3AndOneLineNamingIt(String kind) throws IOException {
        Path file = Files.write(tmp.resolve(kind + ".hark"), bundle(kind));
        Path clip = TestData.dogClip();
        Path dataset = TestData.assumePresent("datasets/esc50-dev");
        check(kind, file, "classify", clip.toString(), "--classifier", file.toString());
        check(kind, file, "evaluate", "--classifier", file.toString(), "--dataset", dataset.toString(),
                "--folds", "4");
    }

    private static void check(String kind, Path file, String... args) {
        long t0 = System.nanoTime();
        Object[] r = HarkCommandTest.run(args);
        long nanos = System.nanoTime() - t0;
        String err = (String) r[2];
        System.out.printf(Locale.ROOT, "%s %s: exit %s in %.3f s: %s", args[0], kind, r[0], nanos / 1e9, err);
        assertEquals(ExitCodes.MODEL_PROBLEM, r[0], err);
        assertTrue(err.startsWith("hark: classifier " + file + ": "), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.endsWith("\n") || !err.isEmpty(), err);
        assertTrue(nanos < LIMIT_NANOS, kind + " took " + nanos / 1e9 + " s");
    }
}
