package dev.hark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.app.Hark;
import dev.hark.core.io.Npy;
import dev.hark.testkit.TestData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job against {@code hark embed} on a 16-clip ESC-50 subset (2 labels, 4 folds) in local[2]: the same
 * embeddings bit for bit, pooled and per patch; unreadable files in the errors table; a rerun skips what is there;
 * train and evaluate on the table give what hark gives on the audio.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkEmbedTest {
    Path tmp;

    /** {@code -Dhark.spark.fullDevSet=true}: the whole esc50-dev (1600 clips) instead of the 16-clip subset. */
    static final boolean FULL = Boolean.getBoolean("hark.spark.fullDevSet");

    Path esc;
    final Map<String, String> runs = new HashMap<>();

    /** Runs a hark-spark command line; returns stdout + "\n--stderr--\n" + stderr; asserts the exit code. */
    static String spark(int expectedCode, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HarkSpark.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(expectedCode, code, () -> "hark-spark " + String.join(" ", args) + "\n" + out + err);
        return out + "\n--stderr--\n" + err;
    }

    static String hark(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Hark.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, () -> "hark " + String.join(" ", args) + "\n" + out + err);
        return out.toString();
    }

    @BeforeAll
    void makeSubset(@TempDir Path dir) throws IOException {
        tmp = dir;
        Path shared = TestData.shared("datasets/esc50-dev");
        if (FULL) {
            esc = shared;
            embedBothWays();
            return;
        }
        esc = tmp.resolve("esc");
        Files.createDirectories(esc.resolve("meta"));
        Files.createDirectories(esc.resolve("audio"));
        List<String> lines = Files.readAllLines(shared.resolve("meta/esc50.csv"));
        List<String> picked = new ArrayList<>();
        picked.add(lines.get(0));
        Map<String, Integer> perLabelFold = new HashMap<>();
        for (String l : lines.subList(1, lines.size()).stream().sorted().toList()) {
            String[] f = l.split(",");
            if ((f[2].equals("0") || f[2].equals("1")) && perLabelFold.merge(f[1] + "/" + f[2], 1, Integer::sum) <= 2) {
                picked.add(l);
                Files.createSymbolicLink(esc.resolve("audio").resolve(f[0]), shared.resolve("audio").resolve(f[0]));
            }
        }
        assertEquals(17, picked.size(), "2 labels x 4 folds x 2 clips");
        Files.write(esc.resolve("meta/esc50.csv"), picked);
        embedBothWays();
    }

    private void embedBothWays() {
        String cache = tmp.resolve("cache").toString();
        for (String pooling : List.of("none", "mean")) {
            hark("embed", "--dataset", esc.toString(), "--pooling", pooling, "--cache", cache, "--out",
                    tmp.resolve(pooling + ".npy").toString());
            runs.put(pooling, spark(0, "embed", "--dataset", esc.toString(), "--pooling", pooling, "--master",
                    "local[2]", "--out", tmp.resolve(pooling + ".parquet").toString()));
        }
    }

    @AfterAll
    void closeModels() {
        ExecutorModels.closeAll();
    }

    /** The table's rows keyed by "file name/patch" (patch -1 when pooled). */
    Map<String, Row> table(String name) {
        SparkSession s = Sessions.open("local[1]");
        try {
            Map<String, Row> m = new HashMap<>();
            for (Row r : EmbeddingTable.read(s, tmp.resolve(name).toString()).collectAsList()) {
                String file = r.getString(r.fieldIndex("path"));
                int patch = r.isNullAt(r.fieldIndex("patch")) ? -1 : r.getInt(r.fieldIndex("patch"));
                m.put(file.substring(file.lastIndexOf('/') + 1) + "/" + patch, r);
            }
            return m;
        } finally {
            s.stop();
        }
    }

    /** hark embed's rows keyed like {@link #table}, with its index's start and label columns. */
    Map<String, String[]> index(String pooling) throws IOException {
        Map<String, String[]> m = new HashMap<>();
        List<String> lines = Files.readAllLines(tmp.resolve(pooling + ".index.csv"));
        Map<String, Integer> seen = new HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            String file = f[1].substring(f[1].lastIndexOf('/') + 1);
            int patch = pooling.equals("none") ? seen.merge(file, 1, Integer::sum) - 1 : -1;
            m.put(file + "/" + patch, f);
        }
        return m;
    }

    @Test
    void patchEmbeddingsEqualHarkEmbedBitForBit() throws IOException {
        assertSameAsHarkEmbed("none");
        assertTrue(runs.get("none").contains(FULL ? "features: 1600 clips" : "features: 16 clips"), runs.get("none"));
    }

    @Test
    void pooledEmbeddingsEqualHarkEmbedBitForBit() throws IOException {
        assertSameAsHarkEmbed("mean");
    }

    private void assertSameAsHarkEmbed(String pooling) throws IOException {
        float[][] npy = Npy.read(tmp.resolve(pooling + ".npy")).toFloat2d();
        Map<String, String[]> index = index(pooling);
        Map<String, Row> table = table(pooling + ".parquet");
        assertEquals(npy.length, table.size(), "one table row per .npy row");
        assertEquals(index.keySet(), table.keySet());
        for (Map.Entry<String, String[]> e : index.entrySet()) {
            String[] ix = e.getValue();
            Row r = table.get(e.getKey());
            float[] expected = npy[Integer.parseInt(ix[0])];
            List<Float> got = r.getList(r.fieldIndex("embedding"));
            assertEquals(expected.length, got.size());
            for (int i = 0; i < expected.length; i++) {
                int j = i;
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(got.get(i)),
                        () -> e.getKey() + " value " + j + ": " + expected[j] + " vs " + got.get(j));
            }
            int labelAt = pooling.equals("none") ? 3 : 2;
            assertEquals(ix[labelAt], r.getString(r.fieldIndex("label")));
            assertEquals(Integer.parseInt(ix[labelAt + 1]), r.getInt(r.fieldIndex("fold")));
            if (pooling.equals("none")) {
                assertEquals(ix[2], String.format(java.util.Locale.ROOT, "%.2f",
                        r.getDouble(r.fieldIndex("start_seconds"))));
            }
            assertEquals("yamnet", r.getString(r.fieldIndex("model")));
            assertEquals(pooling, r.getString(r.fieldIndex("pooling")));
        }
    }

    @Test
    void oneSessionPerJvmSharedByEveryPartition() {
        // 16 files in 16 partitions on 2 task threads: one featurizer, opened once
        assertEquals(1, ExecutorModels.openCount());
        assertTrue(runs.get("mean").contains("spark: local[2], 2 cores"), runs.get("mean"));
    }

    @Test
    void unreadableFilesGoToTheErrorsTableAndARerunSkipsWhatIsThere() throws IOException {
        Path list = tmp.resolve("mixed.txt");
        Files.writeString(tmp.resolve("broken.ogg"), "not audio\n");
        List<String> paths = new ArrayList<>();
        try (var s = Files.list(esc.resolve("audio"))) {
            s.sorted().limit(3).forEach(p -> paths.add(p.toString()));
        }
        paths.add("broken.ogg");
        paths.add("missing.wav");
        Files.write(list, paths);
        String table = tmp.resolve("mixed.parquet").toString();
        String first = spark(0, "embed", "--list", list.toString(), "--master", "local[2]", "--out", table);
        assertTrue(first.contains("features: 3 clips in"), first);
        assertTrue(first.contains("(0 already in the table, 3 computed), 2 skipped"), first);
        assertTrue(first.contains("broken.ogg: not an audio file (it looks like text)"), first);
        assertTrue(first.contains("missing.wav: no such file"), first);
        Map<String, String> errors = new HashMap<>();
        SparkSession s = Sessions.open("local[1]");
        try {
            for (Row r : s.read().parquet(tmp.resolve("mixed.errors.parquet").toString()).collectAsList()) {
                errors.put(r.getString(0).substring(r.getString(0).lastIndexOf('/') + 1), r.getString(1));
            }
        } finally {
            s.stop();
        }
        assertEquals(Map.of("broken.ogg", "not an audio file (it looks like text)", "missing.wav", "no such file"),
                errors);
        String again = spark(0, "embed", "--list", list.toString(), "--master", "local[2]", "--out", table);
        assertTrue(again.contains("(3 already in the table, 0 computed), 2 skipped"), again);
        assertTrue(again.contains("0 rows added"), again);
        assertEquals(3, table("mixed.parquet").size(), "no row written twice");
        // another pooling is other features: computed, not skipped
        String none = spark(0, "embed", "--list", list.toString(), "--master", "local[2]", "--out", table,
                "--pooling", "none");
        assertTrue(none.contains("(0 already in the table, 3 computed)"), none);
    }

    @Test
    void trainAndEvaluateOnTheTableGiveWhatHarkGivesOnTheAudio() {
        String cache = tmp.resolve("cache").toString();
        String hTrain = hark("train", "--dataset", esc.toString(), "--cache", cache, "--train-folds", "1-3",
                "--out", tmp.resolve("h.hark").toString());
        String sTrain = spark(0, "train", "--embeddings", tmp.resolve("none.parquet").toString(), "--master",
                "local[1]", "--train-folds", "1-3", "--out", tmp.resolve("s.hark").toString());
        assertEquals(accuracyLine(hTrain), accuracyLine(sTrain), hTrain + "\n" + sTrain);
        String hEval = hark("evaluate", "--dataset", esc.toString(), "--cache", cache);
        String sEval = spark(0, "evaluate", "--embeddings", tmp.resolve("none.parquet").toString(), "--master",
                "local[1]");
        assertEquals(afterLine(hEval, "fold 1:"), afterLine(sEval, "fold 1:"), hEval + "\n" + sEval);
        String scored = spark(0, "evaluate", "--embeddings", tmp.resolve("none.parquet").toString(), "--master",
                "local[1]", "--classifier", tmp.resolve("h.hark").toString(), "--folds", "4");
        String hScored = hark("evaluate", "--dataset", esc.toString(), "--cache", cache, "--classifier",
                tmp.resolve("h.hark").toString(), "--folds", "4");
        assertEquals(afterLine(hScored, "fold 4:"), afterLine(scored, "fold 4:"), hScored + "\n" + scored);
    }

    private static String accuracyLine(String out) {
        for (String l : out.split("\n")) {
            if (l.startsWith("trained on ")) {
                return l.replaceAll(" in [0-9.]+ s", "");
            }
        }
        throw new AssertionError("no 'trained on' line in\n" + out);
    }

    private static String afterLine(String out, String start) {
        int i = out.indexOf(start);
        assertTrue(i >= 0, () -> "no '" + start + "' in\n" + out);
        int end = out.indexOf("--stderr--", i);
        return (end < 0 ? out.substring(i) : out.substring(i, end)).strip();
    }

    @Test
    void aTableThatIsNotOneIsOneLineAndExitCode2() throws IOException {
        Files.createDirectories(tmp.resolve("empty.parquet"));
        String out = spark(2, "train", "--embeddings", tmp.resolve("nothing.parquet").toString(), "--master",
                "local[1]", "--out", tmp.resolve("x.hark").toString());
        assertTrue(out.contains("hark: embeddings table " + tmp.resolve("nothing.parquet") + ": cannot read it as Parquet"),
                out);
        String bad = spark(2, "embed", "--dataset", esc.toString(), "--master", "local[1]", "--partitions", "-1",
                "--out", tmp.resolve("y.parquet").toString());
        assertTrue(bad.contains("hark: bad value for --partitions: -1"), bad);
    }
}
