package dev.hark.models.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.frontend.FrontEndVariant;
import dev.hark.models.head.AudioSetHead;
import dev.hark.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** YAMNet through ONNX Runtime against the golden outputs in ../shared/models/yamnet/golden. */
class YamnetEmbedderGoldenTest {
    static float[][][] patches;
    static float[][] goldenScores;
    static float[][] goldenEmbeddings;
    static Embedder yamnet;
    static EmbeddingBatch batch;

    @BeforeAll
    static void load() throws Exception {
        Path golden = TestData.yamnetDir().resolve("golden");
        patches = TestData.f32(golden.resolve("patches_6x96x64.f32"), 6, 96, 64);
        goldenScores = TestData.f32(golden.resolve("scores_6x521.f32"), 6, 521);
        goldenEmbeddings = TestData.f32(golden.resolve("embedding_6x1024.f32"), 6, 1024);
        yamnet = Embedders.open("yamnet", 2);
        batch = yamnet.embed(patches);
    }

    @AfterAll
    static void close() {
        if (yamnet != null) {
            yamnet.close();
        }
    }

    @Test
    void describesItself() {
        assertEquals("yamnet", yamnet.name());
        assertEquals(FrontEndVariant.YAMNET, yamnet.frontEnd());
        assertEquals(1024, yamnet.embeddingSize());
        assertEquals(521, yamnet.labels().size());
        assertEquals("Speech", yamnet.labels().get(0));
        assertEquals("Child speech, kid speaking", yamnet.labels().get(1));
        assertEquals("Beep, bleep", yamnet.labels().get(475));
    }

    @Test
    void scoresAndEmbeddingsMatchGoldenWithin1e5() {
        assertEquals(6, batch.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(521, batch.scores()[i].length);
            assertEquals(1024, batch.embeddings()[i].length);
            for (int j = 0; j < 521; j++) {
                assertEquals(goldenScores[i][j], batch.scores()[i][j], 1e-5, "score " + i + "," + j);
            }
            for (int j = 0; j < 1024; j++) {
                assertEquals(goldenEmbeddings[i][j], batch.embeddings()[i][j], 1e-5, "embedding " + i + "," + j);
            }
        }
    }

    @Test
    void topThreeMatchExpectedFile() throws Exception {
        List<String> lines = Files.readAllLines(TestData.yamnetDir().resolve("golden/expected_top3.txt"));
        assertEquals(6, lines.size());
        AudioSetHead head = AudioSetHead.of(yamnet);
        float[][] scores = head.classify(batch);
        for (int i = 0; i < 6; i++) {
            String[] expected = lines.get(i).substring(lines.get(i).indexOf(':') + 1).trim().split(";");
            int[] ours = top3(scores[i]);
            for (int k = 0; k < 3; k++) {
                String[] f = expected[k].trim().split(" ");
                int idx = Integer.parseInt(f[0]);
                float score = Float.parseFloat(f[f.length - 1]);
                String label = expected[k].trim().substring(f[0].length() + 1, expected[k].trim().length() - f[f.length - 1].length() - 1);
                assertEquals(label, head.labels().get(idx), "label of index " + idx);
                assertEquals(score, scores[i][idx], 0.00005 + 1e-6, "patch " + i + " score of " + label);
                if (score >= 0.001) {
                    // ranks among near-zero scores are ties at four decimals; compare ranks of real scores only
                    assertEquals(idx, ours[k], "patch " + i + " rank " + (k + 1));
                }
            }
        }
    }

    private static int[] top3(float[] s) {
        Integer[] idx = new Integer[s.length];
        for (int i = 0; i < s.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Float.compare(s[b], s[a]) != 0 ? Float.compare(s[b], s[a]) : Integer.compare(a, b));
        return new int[] {idx[0], idx[1], idx[2]};
    }

    @Test
    void resultsDoNotDependOnBatchSizeOrThreadsBitForBit() {
        for (int i = 0; i < 6; i++) {
            EmbeddingBatch one = yamnet.embed(new float[][][] {patches[i]});
            assertArrayEquals(batch.scores()[i], one.scores()[0], "scores of patch " + i + " alone");
            assertArrayEquals(batch.embeddings()[i], one.embeddings()[0], "embedding of patch " + i + " alone");
        }
        // a larger batch (the offline default 32) mixing the patches in another order
        float[][][] big = new float[32][][];
        for (int i = 0; i < 32; i++) {
            big[i] = patches[(i * 5) % 6];
        }
        EmbeddingBatch b32;
        try (Embedder single = Embedders.open("yamnet", 1)) {
            b32 = single.embed(big);
        }
        for (int i = 0; i < 32; i++) {
            assertArrayEquals(batch.scores()[(i * 5) % 6], b32.scores()[i], "scores, batch of 32, row " + i);
            assertArrayEquals(batch.embeddings()[(i * 5) % 6], b32.embeddings()[i], "embedding, batch 32, row " + i);
        }
    }

    @Test
    void outputsAreBitForBitThoseOfAPlainOnnxRuntimeSession() throws Exception {
        // Hark gives ONNX Runtime its own output buffers (pinned outputs) and reuses them from run to run; a session
        // opened here with ONNX Runtime's defaults, which allocates its outputs, must give exactly the same bits
        ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        java.nio.FloatBuffer in = java.nio.FloatBuffer.allocate(6 * 96 * 64);
        for (float[][] p : patches) {
            for (float[] row : p) {
                in.put(row);
            }
        }
        in.flip();
        try (ai.onnxruntime.OrtSession s = env.createSession(
                        TestData.yamnetDir().resolve("yamnet.onnx").toString(), new ai.onnxruntime.OrtSession.SessionOptions());
                ai.onnxruntime.OnnxTensor t = ai.onnxruntime.OnnxTensor.createTensor(env, in, new long[] {6, 96, 64});
                ai.onnxruntime.OrtSession.Result r = s.run(java.util.Map.of(YamnetEmbedder.INPUT, t))) {
            float[][] scores = (float[][]) r.get(YamnetEmbedder.SCORES).orElseThrow().getValue();
            float[][] emb = (float[][]) r.get(YamnetEmbedder.EMBEDDING).orElseThrow().getValue();
            for (int round = 0; round < 2; round++) { // the second time through buffers already used
                EmbeddingBatch b = round == 0 ? batch : yamnet.embed(patches);
                for (int i = 0; i < 6; i++) {
                    assertArrayEquals(scores[i], b.scores()[i], "scores of patch " + i + ", round " + round);
                    assertArrayEquals(emb[i], b.embeddings()[i], "embedding of patch " + i + ", round " + round);
                }
            }
        }
    }

    @Test
    void inputIsNotModified() throws Exception {
        float[][][] again = TestData.f32(TestData.yamnetDir().resolve("golden/patches_6x96x64.f32"), 6, 96, 64);
        assertTrue(Arrays.deepEquals(again, patches));
    }

    @Test
    void emptyBatchGivesEmptyResult() {
        EmbeddingBatch e = yamnet.embed(new float[0][][]);
        assertEquals(0, e.size());
    }
}
