package dev.hark.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.dataset.Clip;
import dev.hark.errors.BadInputException;
import dev.hark.errors.ModelException;
import dev.hark.models.embed.EmbeddingBatch;
import dev.hark.models.head.Algorithm;
import dev.hark.models.head.Bundle;
import dev.hark.models.head.ClipModel;
import dev.hark.models.head.FeatureSettings;
import dev.hark.models.head.Pooling;
import dev.hark.models.head.Rejection;
import dev.hark.models.head.TrainedHead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classifiers on synthetic, separable "embeddings": 3 labels, 4 folds, 5 patches per clip. */
class TrainingTest {
    static final List<String> LABELS = List.of("a", "b", "c");
    static final int D = 16;

    @TempDir
    Path tmp;

    /** Clips whose patches scatter (noise 0.8) around a per-label centre. */
    static List<ClipFeatures> clips(long seed) {
        Random r = new Random(seed);
        float[][] centre = new float[LABELS.size()][D];
        for (float[] c : centre) {
            for (int j = 0; j < D; j++) {
                c[j] = (float) r.nextGaussian();
            }
        }
        List<ClipFeatures> out = new ArrayList<>();
        for (int fold = 1; fold <= 4; fold++) {
            for (int l = 0; l < LABELS.size(); l++) {
                for (int i = 0; i < 6; i++) {
                    float[][] p = new float[5][D];
                    for (float[] row : p) {
                        for (int j = 0; j < D; j++) {
                            row[j] = centre[l][j] + (float) (0.8 * r.nextGaussian());
                        }
                    }
                    Clip clip = new Clip(Path.of("f" + fold + "_" + l + "_" + i + ".wav"), LABELS.get(l), l, fold);
                    out.add(new ClipFeatures(clip, p, new double[] {0, 0.48, 0.96, 1.44, 1.92}));
                }
            }
        }
        return out;
    }

    @Test
    void everyAlgorithmLearnsSeparableDataAndRepeatsExactly() {
        List<ClipFeatures> data = clips(7);
        for (Algorithm a : Algorithm.values()) {
            List<String> opts = a == Algorithm.FOREST ? List.of("trees=40") : a == Algorithm.MLP ? List.of("epochs=20", "pca=8")
                    : a == Algorithm.LOGISTIC ? List.of("pca=6") : List.of();
            Map<String, String> options = a.options(opts);
            for (Pooling p : Pooling.values()) {
                Evaluation e1 = CrossValidation.run(data, LABELS, List.of(1, 2, 3, 4), p, a, options, 42);
                Evaluation e2 = CrossValidation.run(data, LABELS, List.of(1, 2, 3, 4), p, a, options, 42);
                assertTrue(e1.meanAccuracy() > 0.85, a + " " + p + ": " + e1.meanAccuracy());
                assertEquals(e1.meanAccuracy(), e2.meanAccuracy(), 0.0, a + " " + p + " repeats");
                for (int i = 0; i < e1.predictions().size(); i++) {
                    assertEquals(e1.predictions().get(i), e2.predictions().get(i), a + " " + p + " prediction " + i);
                }
                assertEquals(4, e1.folds().size());
                assertEquals(72, java.util.Arrays.stream(e1.confusion()).flatMapToInt(java.util.Arrays::stream).sum());
            }
        }
    }

    @Test
    void crossValidationJudgesAClipOnItsPatchesWithSound() {
        Evaluation e = CrossValidation.run(SilentPatches.clips(LABELS), LABELS, List.of(1, 2, 3, 4), Pooling.MEAN,
                Algorithm.KNN, Algorithm.KNN.options(List.of("distance=euclidean")), 42);
        assertEquals(1.0, e.meanAccuracy(), 1e-12);
    }

    @Test
    void optionsAreValidatedWithClearMessages() {
        assertEquals("0.5", Algorithm.LOGISTIC.options(List.of("lambda=0.5")).get("lambda"));
        assertEquals("3", Algorithm.KNN.options(List.of("K=3")).get("k"));
        BadInputException e = assertThrows(BadInputException.class, () -> Algorithm.KNN.options(List.of("k=0")));
        assertTrue(e.getMessage().contains("--option k=0 (knn): must be in [1, 1000]"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> Algorithm.FOREST.options(List.of("depth=3")));
        assertTrue(e.getMessage().contains("forest has no option 'depth'; it has trees, mtry"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> Algorithm.SVM.options(List.of("kernel=poly")));
        assertTrue(e.getMessage().contains("expected one of linear, gaussian"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> Algorithm.MLP.options(List.of("epochs")));
        assertTrue(e.getMessage().contains("expected key=value"), e.getMessage());
        assertThrows(BadInputException.class, () -> Algorithm.parse("tree"));
    }

    @Test
    void bundleRoundTripsAndRefusesOtherFeatures() throws IOException {
        List<ClipFeatures> data = clips(11);
        FeatureSettings settings = new FeatureSettings("yamnet", "ab12", "yamnet", 48, Pooling.MEAN, D);
        ClipModel model = Trainer.trainClipModel(data, Pooling.MEAN, Algorithm.LOGISTIC, Algorithm.LOGISTIC.options(List.of()),
                LABELS.size(), 42);
        Path file = tmp.resolve("m.hark");
        Bundle.of(LABELS, settings, model, new Rejection(false, 0.6), Map.of("clips", data.size())).save(file);
        assertTrue(Files.size(file) > 0);
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            assertEquals(List.of("metadata.json", "head.onnx"), zip.stream().map(java.util.zip.ZipEntry::getName).toList(),
                    "a graph and its metadata, no Java serialisation");
        }

        try (TrainedHead head = TrainedHead.load(file, settings)) {
            assertEquals(LABELS, head.labels());
            assertEquals(settings, head.bundle().features());
            assertEquals(new Rejection(false, 0.6), head.rejection());
            assertEquals(data.size(), ((Number) head.bundle().summary().get("clips")).intValue());
            float[][] emb = {data.get(0).patches()[0], data.get(30).patches()[1]};
            float[][] scores = head.classify(new EmbeddingBatch(emb, null));
            double[][] expected = model.windowPosteriors(emb);
            for (int i = 0; i < emb.length; i++) {
                assertEquals(LABELS.size(), scores[i].length);
                boolean rejected = java.util.Arrays.stream(expected[i]).max().orElse(0) < 0.6;
                for (int l = 0; l < LABELS.size(); l++) {
                    assertEquals(rejected ? 0 : expected[i][l], scores[i][l], 1e-6);
                }
            }
            assertArrayEquals(model.clipPosteriors(data.get(5).patches()), head.clipPosteriors(data.get(5).patches()),
                    1e-12);
        }

        FeatureSettings vggish = new FeatureSettings("vggish", "cd34", "vggish", 96, Pooling.MEAN, 128);
        ModelException e = assertThrows(ModelException.class, () -> TrainedHead.load(file, vggish));
        assertTrue(e.getMessage().contains("trained on yamnet features, but the running embedder is vggish"), e.getMessage());
        FeatureSettings otherSha = new FeatureSettings("yamnet", "ffff", "yamnet", 48, Pooling.MEAN, D);
        e = assertThrows(ModelException.class, () -> TrainedHead.load(file, otherSha));
        assertTrue(e.getMessage().contains("sha256 ab12, but the running model file has sha256 ffff"), e.getMessage());

        Path junk = Files.writeString(tmp.resolve("junk.hark"), "not a zip");
        e = assertThrows(ModelException.class, () -> Bundle.load(junk));
        assertTrue(e.getMessage().contains("junk.hark"), e.getMessage());
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
