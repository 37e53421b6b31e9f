package dev.hark.models.head;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.dataset.Clip;
import dev.hark.errors.BadInputException;
import dev.hark.models.train.ClipFeatures;
import dev.hark.models.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every algorithm a bundle can hold, exported to ONNX and run by ONNX Runtime, gives the probabilities of the
 * Smile model it came from, on rows it was not trained on (the graph computes in float64, so the tolerance is
 * far below the 1e-5 promised).
 */
class HeadExportTest {
    static final int D = 12;

    /** Clips of {@code labels} labels around random centres, 4 patches each, some (level -100 dBFS) silent. */
    static List<ClipFeatures> clips(int labels, long seed, int perLabel) {
        Random r = new Random(seed);
        float[][] centre = new float[labels][D];
        for (float[] c : centre) {
            for (int j = 0; j < D; j++) {
                c[j] = (float) (1.5 * r.nextGaussian());
            }
        }
        List<ClipFeatures> out = new ArrayList<>();
        for (int l = 0; l < labels; l++) {
            for (int i = 0; i < perLabel; i++) {
                float[][] p = new float[4][D];
                for (float[] row : p) {
                    for (int j = 0; j < D; j++) {
                        row[j] = centre[l][j] + (float) r.nextGaussian();
                    }
                }
                Clip c = new Clip(Path.of("c" + l + "_" + i + ".wav"), "l" + l, l, i % 4 + 1);
                out.add(new ClipFeatures(c, p, new double[] {0, 0.48, 0.96, 1.44}, new float[] {-20, -20, -20, -100}));
            }
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "logistic|2|mean|pca=0", "logistic|3|none|pca=5", "logistic|4|mean+std|lambda=0.1",
        "mlp|2|mean|hidden=7", "mlp|3|none|epochs=5", "mlp|4|mean|pca=4",
        "svm|2|mean|kernel=linear", "svm|3|none|kernel=linear", "svm|2|mean|kernel=gaussian",
        "svm|4|mean|kernel=gaussian",
        "knn|3|mean|k=1", "knn|3|none|k=5", "knn|2|mean|distance=euclidean", "knn|4|none|k=3",
    })
    void onnxHeadGivesTheSmileModelsProbabilities(String algorithm, int labels, String pooling, String option) {
        Algorithm a = Algorithm.parse(algorithm);
        Pooling p = Pooling.parse(pooling);
        List<ClipFeatures> train = clips(labels, 5, 10);
        // a background column (silent patches) as bundles have it
        ClipModel smile = Trainer.trainClipModel(train, p, a, a.options(List.of(option)), labels + 1, labels, 42);
        FittedClassifier fc = (FittedClassifier) smile.classifier();
        byte[] onnx = HeadExporter.export(fc, "test");
        double worst = 0;
        try (OnnxHead head = OnnxHead.open(onnx, fc.width(), fc.columns(), "test head")) {
            ClipModel ort = new ClipModel(p, head);
            for (ClipFeatures c : clips(labels, 99, 6)) {
                double[] expected = smile.clipPosteriors(c.patches());
                double[] actual = ort.clipPosteriors(c.patches());
                assertEquals(labels + 1, actual.length);
                for (int l = 0; l < expected.length; l++) {
                    worst = Math.max(worst, Math.abs(expected[l] - actual[l]));
                }
            }
        }
        System.out.printf(java.util.Locale.ROOT, "%s %d labels %s %s: largest difference %.3g%n", algorithm, labels,
                pooling, option, worst);
        assertTrue(worst < 1e-9, algorithm + ": largest difference " + worst);
    }

    /**
     * The same graphs in onnxruntime-node (npm), another ONNX runtime than Hark's: the probabilities agree with
     * the Smile model's to 1e-9.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"logistic|pca=4", "mlp|hidden=9", "svm|kernel=gaussian", "knn|k=3"})
    void onnxRuntimeNodeGivesTheSameProbabilities(String algorithm, String option, @org.junit.jupiter.api.io.TempDir
            Path tmp) throws Exception {
        dev.hark.testkit.Tools.assumeOnnxRuntimeNode();
        Algorithm a = Algorithm.parse(algorithm);
        ClipModel smile = Trainer.trainClipModel(clips(3, 5, 10), Pooling.NONE, a, a.options(List.of(option)), 4, 3,
                42);
        FittedClassifier fc = (FittedClassifier) smile.classifier();
        Path onnx = java.nio.file.Files.write(tmp.resolve("head.onnx"), HeadExporter.export(fc, "test"));
        List<double[]> rows = new ArrayList<>();
        for (ClipFeatures c : clips(3, 99, 4)) {
            for (float[] p : c.patches()) {
                rows.add(ClipModel.toDouble(p));
            }
        }
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Path in = tmp.resolve("rows.json");
        json.writeValue(in.toFile(), java.util.Map.of("width", D, "rows", rows));
        Path script = tmp.resolve("ort-node-check.js");
        try (var s = HeadExportTest.class.getResourceAsStream("ort-node-check.js")) {
            java.nio.file.Files.copy(s, script);
        }
        ProcessBuilder pb = new ProcessBuilder("node", script.toString(), onnx.toString(), in.toString());
        pb.environment().put("NODE_PATH", dev.hark.testkit.Tools.onnxRuntimeNodeModules().toString());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process proc = pb.start();
        byte[] out = proc.getInputStream().readAllBytes();
        assertTrue(proc.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "node finished");
        assertEquals(0, proc.exitValue(), new String(out));
        double[][] node = json.treeToValue(json.readTree(out).get("probabilities"), double[][].class);
        assertEquals(rows.size(), node.length);
        double worst = 0;
        for (int i = 0; i < node.length; i++) {
            double[] expected = fc.posteriors(rows.get(i));
            assertEquals(expected.length, node[i].length);
            for (int l = 0; l < expected.length; l++) {
                worst = Math.max(worst, Math.abs(expected[l] - node[i][l]));
            }
        }
        System.out.printf(java.util.Locale.ROOT, "onnxruntime-node, %s %s, %d rows: largest difference %.3g%n",
                algorithm, option, node.length, worst);
        assertTrue(worst < 1e-9, "largest difference " + worst);
    }

    /**
     * The bug of a two-label SVM (Smile's binary SVM predicts -1/+1: ArrayIndexOutOfBounds -1 in posteriors during
     * cross-validation): now Platt-scaled classes 0/1, cross-validated, exported and run alike.
     */
    @org.junit.jupiter.api.Test
    void twoLabelSvmCrossValidatesAndExports() {
        List<ClipFeatures> two = clips(2, 5, 12).stream().map(c -> new ClipFeatures(c.clip(), c.patches(),
                c.patchStartSeconds())).toList();
        for (String kernel : List.of("linear", "gaussian")) {
            java.util.Map<String, String> o = Algorithm.SVM.options(List.of("kernel=" + kernel));
            dev.hark.models.train.Evaluation e = dev.hark.models.train.CrossValidation.run(two, List.of("l0", "l1"),
                    List.of(1, 2, 3, 4), Pooling.MEAN, Algorithm.SVM, o, 42);
            assertTrue(e.meanAccuracy() > 0.85, kernel + ": " + e.meanAccuracy());
            ClipModel smile = Trainer.trainClipModel(two, Pooling.MEAN, Algorithm.SVM, o, 2, 42);
            FittedClassifier fc = (FittedClassifier) smile.classifier();
            assertTrue(fc.vectorModel() instanceof PlattSvm, "two classes: one Platt-scaled SVM");
            try (OnnxHead head = OnnxHead.open(HeadExporter.export(fc, "t"), fc.width(), 2, "t")) {
                ClipModel ort = new ClipModel(Pooling.MEAN, head);
                for (ClipFeatures c : clips(2, 77, 5)) {
                    double[] p = smile.clipPosteriors(c.patches());
                    assertTrue(p[0] > 0 && p[0] < 1, "probabilities, not votes: " + p[0]);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(p, ort.clipPosteriors(c.patches()), 1e-9);
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aForestIsRefusedBeforeTraining() {
        assertTrue(HeadExporter.refusal(Algorithm.FOREST).contains("cannot be saved as an ONNX head"));
        List<ClipFeatures> train = clips(2, 5, 6);
        ClipModel m = Trainer.trainClipModel(train, Pooling.MEAN, Algorithm.FOREST,
                Algorithm.FOREST.options(List.of("trees=3")), 2, 42);
        assertThrows(BadInputException.class, () -> HeadExporter.export((FittedClassifier) m.classifier(), "x"));
    }
}
