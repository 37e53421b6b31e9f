package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.testkit.TestData;
import dev.hark.testkit.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the real commands on a small ESC-50 subset (5 classes x 8 clips, folds 1-4, linked from
 * ../shared/datasets/esc50-dev) with the real YAMNet model; one shared feature cache keeps it fast.
 */
class LearnCommandsTest {
    static final String[] CLASSES = {"dog", "rooster", "rain", "sea_waves", "crying_baby"};

    @TempDir
    static Path tmp;
    static Path subset;
    static Path cache;

    @BeforeAll
    static void makeSubset() throws IOException {
        Path dev = TestData.assumePresent("datasets/esc50-dev");
        subset = tmp.resolve("esc-subset");
        Files.createDirectories(subset.resolve("meta"));
        Files.createDirectories(subset.resolve("audio"));
        List<String> lines = Files.readAllLines(dev.resolve("meta/esc50.csv"));
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        java.util.Map<String, Integer> taken = new java.util.HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",");
            // two clips per class and fold: 8 per class over folds 1-4
            if (List.of(CLASSES).contains(c[3]) && taken.merge(c[3] + "/" + c[1], 1, Integer::sum) <= 2) {
                out.add(l);
                Files.createSymbolicLink(subset.resolve("audio").resolve(c[0]), dev.resolve("audio").resolve(c[0]).toAbsolutePath());
            }
        }
        assertEquals(41, out.size(), "5 classes x 8 clips + header");
        Files.write(subset.resolve("meta/esc50.csv"), out);
        cache = tmp.resolve("cache");
    }

    static String[] run(String... args) {
        Object[] r = HarkCommandTest.run(args);
        return new String[] {String.valueOf(r[0]), (String) r[1], (String) r[2]};
    }

    static String[] withCache(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.add("--cache");
        a.add(cache.toString());
        return run(a.toArray(String[]::new));
    }

    static double accuracy(String out) {
        Matcher m = Pattern.compile("(?:mean accuracy|accuracy) ([0-9.]+) %").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void evaluateOfficialFoldsPrintsAccuracyWritesReportAndRepeatsExactly() throws IOException {
        Path report = tmp.resolve("report");
        String[] r = withCache("evaluate", "--dataset", subset.toString(), "--report", report.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("fold 4: "), r[1]);
        assertTrue(r[1].contains("per-class accuracy:"), r[1]);
        double acc = accuracy(r[1]);
        assertTrue(acc >= 80, "YAMNet + logistic on 5 easy classes: " + acc);
        for (String f : List.of("confusion.csv", "confusion.png", "folds.json", "predictions.csv")) {
            assertTrue(Files.size(report.resolve(f)) > 0, f);
        }
        List<String> csv = Files.readAllLines(report.resolve("confusion.csv"));
        assertEquals(7, csv.size(), "5 labels and 'unknown' (what the head rejects), then the header");
        int total = 0;
        for (String line : csv.subList(1, csv.size())) {
            for (String v : line.split(",", -1)) {
                if (v.matches("\\d+")) {
                    total += Integer.parseInt(v);
                }
            }
        }
        assertEquals(40, total, "every clip tested once over the 4 folds");
        BufferedImage png = ImageIO.read(report.resolve("confusion.png").toFile());
        assertTrue(png.getWidth() > 300 && png.getHeight() > 300);
        assertTrue(Files.readString(report.resolve("folds.json")).contains("\"fold\" : 4"));

        String[] again = withCache("evaluate", "--dataset", subset.toString());
        assertEquals(r[1].lines().filter(l -> l.contains("accuracy") || l.startsWith("fold")).toList(),
                again[1].lines().filter(l -> l.contains("accuracy") || l.startsWith("fold")).toList());
        assertTrue(again[1].contains("(40 from cache, 0 computed)"), again[1]);
    }

    @Test
    void trainOnFolds1To3ThenScoreFold4WithTheBundle() {
        Path model = tmp.resolve("m.hark");
        String[] t = withCache("train", "--dataset", subset.toString(), "--train-folds", "1-3", "--out", model.toString());
        assertEquals("0", t[0], t[2]);
        assertTrue(t[1].contains("trained on 30 clips (0 negatives), 5 labels"), t[1]);
        assertTrue(t[1].contains("checked against the trained model on every row of the 30 clips"), t[1]);
        String[] e = withCache("evaluate", "--classifier", model.toString(), "--dataset", subset.toString(), "--folds", "4");
        assertEquals("0", e[0], e[2]);
        assertTrue(e[1].contains("fold 4: "), e[1]);
        assertTrue(accuracy(e[1]) >= 70, e[1]);
        String[] split = withCache("evaluate", "--dataset", subset.toString(), "--train-folds", "1-3", "--test-folds", "4");
        assertEquals(accuracy(e[1]), accuracy(split[1]), 0.0, "a saved bundle scores as the in-memory split");
    }

    @Test
    void aBundleScoredOnADataSetWithoutFoldsReportsAllClipsNotAFoldDash() throws IOException {
        Path two = TinyData.twoClasses(tmp.resolve("nofolds"));
        Path model = tmp.resolve("two.hark");
        String[] t = withCache("train", "--dataset", two.toString(), "--out", model.toString());
        assertEquals("0", t[0], t[2]);
        String[] e = withCache("evaluate", "--classifier", model.toString(), "--dataset", two.toString());
        assertEquals("0", e[0], e[2]);
        assertTrue(e[1].lines().anyMatch(l -> l.matches("all clips: [0-9.]+ % \\([0-9]/4\\)")), e[1]);
        assertTrue(e[1].lines().noneMatch(l -> l.startsWith("fold ")), e[1]);
    }

    @Test
    void classifyUsesATrainedHeadAndRefusesAnMfccBundle() throws IOException {
        Path model = tmp.resolve("all.hark");
        assertEquals("0", withCache("train", "--dataset", subset.toString(), "--out", model.toString())[0]);
        Path rooster;
        try (var s = Files.list(subset.resolve("audio"))) {
            rooster = s.filter(p -> p.getFileName().toString().endsWith("-1.ogg")).sorted().findFirst().orElseThrow();
        }
        String[] r = run("classify", rooster.toString(), "--classifier", model.toString(), "--top", "1");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("rooster"), r[1]);
        assertTrue(!r[1].contains("Speech"), "trained labels, not AudioSet's: " + r[1]);

        Path mfcc = tmp.resolve("mfcc.hark");
        assertEquals("0", withCache("train", "--dataset", subset.toString(), "--model", "mfcc", "--algorithm", "knn",
                "--out", mfcc.toString())[0]);
        r = run("classify", rooster.toString(), "--classifier", mfcc.toString());
        assertEquals("3", r[0], r[2]);
        assertTrue(r[2].contains("trained on mfcc features, but the running embedder is yamnet (an MFCC classifier"), r[2]);
    }

    /**
     * A head with negatives (rain and sea waves, of none of its classes) says unknown on them and on silence, and
     * raises no listen event for them; evaluate reports the rejection of held-out negatives.
     */
    @Test
    void aHeadWithNegativesSaysUnknownForOtherSoundsAndSilence() throws IOException {
        Path model = tmp.resolve("open.hark");
        String[] t = withCache("train", "--dataset", subset.toString(), "--classes", "dog,rooster,crying_baby",
                "--negative-labels", "rain,sea_waves", "--train-folds", "1-3", "--out", model.toString());
        assertEquals("0", t[0], t[2]);
        assertTrue(t[1].contains("trained on 30 clips (12 negatives), 3 labels"), t[1]);
        assertTrue(t[1].contains("or the background class (negatives and patches without sound) wins"), t[1]);
        String[] e = withCache("evaluate", "--classifier", model.toString(), "--dataset", subset.toString(), "--folds",
                "4", "--classes", "dog,rooster,crying_baby", "--negative-labels", "rain,sea_waves");
        assertEquals("0", e[0], e[2]);
        Matcher m = Pattern.compile("held-out negatives said unknown: ([0-9.]+) % \\(4 clips\\)").matcher(e[1]);
        assertTrue(m.find(), e[1]);
        assertTrue(Double.parseDouble(m.group(1)) >= 75, e[1]);
        assertTrue(e[1].contains("known-class accuracy"), e[1]);

        Path silence = tmp.resolve("silence.wav");
        dev.hark.core.audio.WavWriter.writePcm16(silence, new float[3 * 16000], 16000);
        String[] c = run("classify", silence.toString(), "--classifier", model.toString());
        assertEquals("0", c[0], c[2]);
        assertEquals(6, c[1].lines().filter(l -> l.endsWith(" unknown")).count(), "every window and the summary: " + c[1]);
        Path rain;
        try (var s = Files.list(subset.resolve("audio"))) {
            rain = s.filter(p -> p.getFileName().toString().startsWith("4-") && p.getFileName().toString().endsWith("-10.ogg"))
                    .sorted().findFirst().orElseThrow();
        }
        c = run("classify", rain.toString(), "--classifier", model.toString());
        assertTrue(c[1].lines().filter(l -> l.startsWith("  summary")).findFirst().orElseThrow().endsWith("unknown"),
                c[1]);
        // the gate off, so that every window of silence reaches the head
        String[] l = run("listen", "--input", silence.toString(), "--classifier", model.toString(), "--gate", "off");
        assertEquals("0", l[0], l[2]);
        assertTrue(l[1].lines().noneMatch(x -> x.contains("onset")), "no event on silence: " + l[1]);
    }

    @Test
    void trainingOverNoiseAddsACopyOfEveryClipPerSnrAndTheHeadStillSaysUnknownForSilence() throws IOException {
        Path model = tmp.resolve("noisy.hark");
        String[] t = withCache("train", "--dataset", subset.toString(), "--classes", "dog,rooster,crying_baby",
                "--negative-labels", "rain,sea_waves", "--train-folds", "1-3", "--augment-noise", "10,0", "--out",
                model.toString());
        assertEquals("0", t[0], t[2]);
        assertTrue(t[1].contains("features: 90 clips (30 clean, 60 over noise)"), t[1]);
        assertTrue(t[1].contains("trained on 90 clips (36 negatives), 3 labels"), t[1]);
        assertTrue(t[1].contains("calibrated on 3 folds of the training clips"), t[1]);
        String[] again = withCache("train", "--dataset", subset.toString(), "--classes", "dog,rooster,crying_baby",
                "--negative-labels", "rain,sea_waves", "--train-folds", "1-3", "--augment-noise", "10,0", "--out",
                tmp.resolve("noisy2.hark").toString());
        assertTrue(again[1].contains("(90 from cache, 0 computed)"), "the copies are cached too: " + again[1]);
        String[] quieter = withCache("train", "--dataset", subset.toString(), "--classes", "dog,rooster,crying_baby",
                "--negative-labels", "rain,sea_waves", "--train-folds", "1-3", "--augment-noise", "10,0",
                "--augment-levels", "0,-20", "--out", tmp.resolve("noisy3.hark").toString());
        assertEquals("0", quieter[0], quieter[2]);
        assertTrue(quieter[1].contains("features: 150 clips (30 clean, 120 over noise)"), quieter[1]);
        assertTrue(quieter[1].contains("(90 from cache, 60 computed)"),
                "the copies at the clip's own level keep their cache entries; the quieter ones are new: " + quieter[1]);
        String[] alone = run("train", "--dataset", subset.toString(), "--augment-levels", "-20", "--out",
                tmp.resolve("never.hark").toString());
        assertEquals(String.valueOf(ExitCodes.BAD_INPUT), alone[0]);
        assertEquals("hark: --augment-levels needs --augment-noise: the levels are those of the copies over noise\n",
                alone[2]);
        Path silence = tmp.resolve("silence-noisy.wav");
        dev.hark.core.audio.WavWriter.writePcm16(silence, new float[3 * 16000], 16000);
        String[] c = run("classify", silence.toString(), "--classifier", model.toString());
        assertEquals("0", c[0], c[2]);
        assertEquals(6, c[1].lines().filter(l -> l.endsWith(" unknown")).count(), "silence is not a class: " + c[1]);
    }

    @Test
    void mfccBaselineWithKnnAndForestRuns() {
        String[] k = withCache("evaluate", "--dataset", subset.toString(), "--model", "mfcc", "--algorithm", "knn");
        assertEquals("0", k[0], k[2]);
        assertTrue(k[1].contains("features: mfcc"), k[1]);
        assertTrue(accuracy(k[1]) > 30, k[1]);
        // --features is the old name of --model
        String[] f = withCache("evaluate", "--dataset", subset.toString(), "--features", "mfcc", "--algorithm", "forest",
                "--option", "trees=50", "--folds", "3");
        assertEquals("0", f[0], f[2]);
        assertTrue(f[1].contains("3 stratified folds, seed 42"), f[1]);
    }

    @Test
    void embedListWritesNpyThatNumpyReadsAndSkipsABadClip() throws Exception {
        Path bad = Files.writeString(tmp.resolve("broken.ogg"), "this is not audio");
        List<String> paths = new ArrayList<>();
        try (var s = Files.list(subset.resolve("audio"))) {
            s.sorted().limit(3).forEach(p -> paths.add(p.toString()));
        }
        paths.add(1, bad.toString());
        Path list = Files.write(tmp.resolve("list.txt"), paths);
        Path npy = tmp.resolve("emb.npy");
        String[] r = withCache("embed", "--list", list.toString(), "--out", npy.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("3 clips") && r[1].contains("1 skipped"), r[1]);
        assertTrue(r[2].contains("skipped " + bad), r[2]);
        assertTrue(r[1].contains("float32 [3, 1024]"), r[1]);
        List<String> index = Files.readAllLines(tmp.resolve("emb.index.csv"));
        assertEquals(4, index.size());
        assertEquals("row,file", index.get(0));

        Path patches = tmp.resolve("patches.npy");
        r = withCache("embed", "--list", list.toString(), "--out", patches.toString(), "--pooling", "none", "--hop", "0.48");
        assertTrue(r[1].contains("(3 from cache, 0 computed), 1 skipped"), r[1]);
        Matcher m = Pattern.compile("float32 \\[(\\d+), 1024\\]").matcher(r[1]);
        assertTrue(m.find(), r[1]);
        int rows = Integer.parseInt(m.group(1));
        assertEquals(27, rows, "3 five-second clips x 9 patches at hop 0.48 s");
        assertEquals("row,file,start_seconds", Files.readAllLines(tmp.resolve("patches.index.csv")).get(0));

        Tools.assumePythonWithNumpy();
        Process p = new ProcessBuilder("python3", "-c",
                "import sys, numpy; a = numpy.load(sys.argv[1]); b = numpy.load(sys.argv[2]); "
                        + "print(a.dtype, a.shape, b.shape, float(abs(b[:9].mean(axis=0) - a[0]).max()))",
                npy.toString(), patches.toString()).redirectErrorStream(true).start();
        String py = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), py);
        String[] parts = py.split(" ", 2);
        assertEquals("float32", parts[0]);
        assertTrue(parts[1].startsWith("(3, 1024) (27, 1024) "), py);
        assertTrue(Double.parseDouble(py.substring(py.lastIndexOf(' ') + 1)) < 1e-5, "mean pooling = mean of patches: " + py);
    }

    @Test
    void clusterPrintsClustersAndDrawsMaps() throws IOException {
        Path out = tmp.resolve("clusters");
        String[] r = withCache("cluster", "--dataset", subset.toString(), "--k", "5", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("cluster 5: "), r[1]);
        assertTrue(r[1].contains("adjusted Rand index"), r[1]);
        assertEquals(41, Files.readAllLines(out.resolve("clusters.csv")).size());
        assertTrue(ImageIO.read(out.resolve("clusters.png").toFile()).getWidth() > 500);
        assertTrue(ImageIO.read(out.resolve("labels.png").toFile()).getWidth() > 500);
    }

    @Test
    void badInputsGetOneLineMessagesAndExitCode2() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty-dataset"));
        String[] r = run("evaluate", "--dataset", empty.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].startsWith("hark: data set " + empty + ": no labelled audio found; expected meta/esc50.csv"), r[2]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
        r = run("train", "--dataset", subset.toString(), "--out", tmp.resolve("x.hark").toString(), "--algorithm", "knn",
                "--option", "k=zero");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--option k=zero (knn): not a whole number"), r[2]);
        r = run("evaluate", "--dataset", subset.toString(), "--train-folds", "1-3", "--test-folds", "3");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("fold 3 is in both"), r[2]);
        r = run("evaluate", "--classifier", tmp.resolve("missing.hark").toString(), "--dataset", subset.toString());
        assertEquals("3", r[0]);
        assertTrue(r[2].contains("missing.hark: no such file"), r[2]);
        r = run("evaluate", "--model", tmp.resolve("m.hark").toString(), "--dataset", subset.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("a trained .hark bundle goes to --classifier"), r[2]);
        for (String command : List.of("embed", "train", "evaluate", "cluster")) {
            List<String> a = new ArrayList<>(List.of(command, "--dataset", subset.toString(), "--hop", "48"));
            a.addAll(switch (command) {
                case "embed" -> List.of("--out", tmp.resolve("x.npy").toString());
                case "train" -> List.of("--out", tmp.resolve("x.hark").toString());
                case "cluster" -> List.of("--k", "2");
                default -> List.of();
            });
            r = run(a.toArray(String[]::new));
            assertEquals("2", r[0], command + ": " + r[2]);
            assertTrue(r[2].endsWith("hark: bad value for --hop: 48.0 (expected a positive multiple of 0.01 s, at most "
                    + "0.96 s)\n"), command + ": " + r[2]);
        }
    }

    @Test
    void theFewShotCurveTrainsOnNClipsPerClassPerFeatureSetAndWritesItsNumbersAndChart() throws IOException {
        Path report = tmp.resolve("shots-report");
        String[] r = withCache("evaluate", "--dataset", subset.toString(), "--shots", "3,1", "--repeats", "2",
                "--model", "yamnet,mfcc", "--report", report.toString());
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("few-shot curve: [1, 3] clips per class drawn 2 times (seed 42), tested on the clips "
                + "not drawn"), r[1]);
        // 5 classes of 8 clips: 1 per class trains on 5 and tests on 35, 3 per class on 15 and 25
        assertTrue(r[1].contains("per class") && r[1].contains("trained on 5 clips, tested on 35)"), r[1]);
        assertTrue(r[1].contains("trained on 15 clips, tested on 25)"), r[1]);
        List<String> csv = Files.readAllLines(report.resolve("shots.csv"));
        assertEquals("features,shots,repeat,accuracy,train_clips,test_clips", csv.get(0));
        assertEquals(1 + 2 * 2 * 2, csv.size(), "2 feature sets x 2 shots x 2 repeats");
        // the printed mean is the mean of the repeats written
        for (String features : List.of("yamnet", "mfcc")) {
            double sum = 0;
            for (String line : csv) {
                String[] f = line.split(",");
                if (f[0].equals(features) && f[1].equals("3")) {
                    sum += Double.parseDouble(f[3]);
                }
            }
            Matcher m = Pattern.compile(features + ",  3 per class: +([0-9.]+) %").matcher(r[1]);
            assertTrue(m.find(), r[1]);
            assertEquals(100 * sum / 2, Double.parseDouble(m.group(1)), 0.006, features);
        }
        BufferedImage png = ImageIO.read(report.resolve("shots.png").toFile());
        assertEquals(760, png.getWidth());
        // the same seed gives the same draws and figures
        String[] again = withCache("evaluate", "--dataset", subset.toString(), "--shots", "1,3", "--repeats", "2",
                "--model", "mfcc");
        assertTrue(again[1].contains(r[1].lines().filter(l -> l.startsWith("mfcc,  3")).findFirst().orElseThrow()),
                again[1]);
    }

    @Test
    void tooManyShotsOrAClassifierAreRefusedBeforeAnyFeatureIsExtracted() {
        String[] r = run("evaluate", "--dataset", subset.toString(), "--shots", "1,8");
        assertEquals("2", r[0]);
        assertEquals("hark: --shots 8: label 'dog' has only 8 clips to draw from (it needs 9: 8 to train on, one left "
                + "to test)", r[2].strip());
        r = run("evaluate", "--dataset", subset.toString(), "--shots", "7", "--test-folds", "4");
        assertEquals("2", r[0]);
        assertTrue(r[2].startsWith("hark: --shots 7: label 'dog' has only 6 clips to draw from outside the test "
                + "folds [4]"), r[2]);
        r = run("evaluate", "--dataset", subset.toString(), "--shots", "2", "--folds", "3");
        assertEquals("2", r[0]);
        assertTrue(r[2].startsWith("hark: --shots draws its own training clips"), r[2]);
        r = run("evaluate", "--dataset", subset.toString(), "--shots", "0");
        assertEquals("hark: bad value for --shots: 0 (allowed 1 to 100000)", r[2].strip());
    }
}
