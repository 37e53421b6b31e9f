package dev.hark.models.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.frontend.FrontEndVariant;
import dev.hark.errors.BadInputException;
import dev.hark.errors.ModelException;
import dev.hark.models.head.AudioSetHead;
import dev.hark.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shape checks at load, VGGish-shaped graphs, and refusal of missing, corrupt and foreign files. */
class EmbedderLoadingTest {
    @TempDir
    Path tmp;

    static float[][][] randomPatches(int n, long seed) {
        Random r = new Random(seed);
        float[][][] p = new float[n][96][64];
        for (float[][] patch : p) {
            for (float[] row : patch) {
                for (int j = 0; j < 64; j++) {
                    row[j] = (float) (r.nextGaussian() * 2 - 3);
                }
            }
        }
        return p;
    }

    @Test
    void yamnetNamesWithWrongShapeAreRefusedNamingFileExpectedAndActual() throws Exception {
        Path bad = tmp.resolve("bad-yamnet.onnx");
        Files.write(bad, TestGraphs.yamnetNamesWrongShape());
        ModelException e = assertThrows(ModelException.class, () -> Embedders.open(bad.toString(), 1));
        String m = e.getMessage();
        assertTrue(m.contains(bad.toString()), m);
        assertTrue(m.contains("log_mel_patch [N,96,64]"), m);
        assertTrue(m.contains("log_mel_patch [N,96,32]"), m);
        assertTrue(!m.contains("\n"), m);
    }

    @Test
    void graphOfNeitherKindIsRefusedWithBothExpectations() throws Exception {
        Path bad = tmp.resolve("wide.onnx");
        Files.write(bad, TestGraphs.linear("x", new long[] {-1, 96, 64}, "y", 64, 1).onnx());
        ModelException e = assertThrows(ModelException.class, () -> Embedders.open(bad, 1));
        assertTrue(e.getMessage().contains("y [N,64]"), e.getMessage());
        assertTrue(e.getMessage().contains("[N,128]"), e.getMessage());
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    }

    @Test
    void vggishShapedGraphsOfRank3And4RunAndBatch() throws Exception {
        for (long[] dims : new long[][] {{-1, 96, 64}, {-1, 1, 96, 64}}) {
            TestGraphs.Linear lin = TestGraphs.linear("features", dims, "embedding128", 128, 7);
            Path p = tmp.resolve("vggish-r" + dims.length + ".onnx");
            Files.write(p, lin.onnx());
            float[][][] patches = randomPatches(5, dims.length);
            try (Embedder e = Embedders.open(p.toString(), 1)) {
                assertEquals(FrontEndVariant.VGGISH, e.frontEnd());
                assertEquals(128, e.embeddingSize());
                assertTrue(e.labels().isEmpty());
                EmbeddingBatch b = e.embed(patches);
                assertNull(b.scores());
                for (int i = 0; i < 5; i++) {
                    double[] want = lin.apply(patches[i]);
                    for (int j = 0; j < 128; j++) {
                        assertEquals(want[j], b.embeddings()[i][j], 1e-4 * (1 + Math.abs(want[j])), i + "," + j);
                    }
                    EmbeddingBatch one = e.embed(new float[][][] {patches[i]});
                    assertEquals(java.util.Arrays.toString(b.embeddings()[i]),
                            java.util.Arrays.toString(one.embeddings()[0]), "batch invariance, patch " + i);
                }
                BadInputException noLabels = assertThrows(BadInputException.class, () -> AudioSetHead.of(e));
                assertTrue(noLabels.getMessage().contains("no labels"), noLabels.getMessage());
            }
        }
    }

    @Test
    void graphWhoseEmbeddingWidthIsFreeRunsWithOutputsAllocatedByOnnxRuntime() throws Exception {
        // a declared [N,?] output cannot be given a buffer before the run: ONNX Runtime allocates it, and the same
        // values come out as from the graph declaring [N,128] (whose output goes into Hark's own buffer)
        TestGraphs.Linear free = TestGraphs.linear("features", new long[] {-1, 96, 64}, "embedding128", 128, -1, 5);
        TestGraphs.Linear fixed = TestGraphs.linear("features", new long[] {-1, 96, 64}, "embedding128", 128, 5);
        Path pf = tmp.resolve("free-width.onnx");
        Path px = tmp.resolve("fixed-width.onnx");
        Files.write(pf, free.onnx());
        Files.write(px, fixed.onnx());
        float[][][] patches = randomPatches(4, 3);
        try (Embedder a = Embedders.open(pf, 1); Embedder b = Embedders.open(px, 1)) {
            EmbeddingBatch fa = a.embed(patches);
            EmbeddingBatch fb = b.embed(patches);
            for (int i = 0; i < patches.length; i++) {
                assertArrayEquals(fb.embeddings()[i], fa.embeddings()[i], "patch " + i);
            }
            assertEquals(free.apply(patches[3])[7], fa.embeddings()[3][7], 1e-3);
        }
    }

    @Test
    void fixedBatchOfOneGraphIsRunPatchByPatch() throws Exception {
        TestGraphs.Linear lin = TestGraphs.linear("in", new long[] {1, 96, 64}, "out", 128, 3);
        Path p = tmp.resolve("fixed.onnx");
        Files.write(p, lin.onnx());
        float[][][] patches = randomPatches(3, 9);
        try (Embedder e = Embedders.open(p, 1)) {
            EmbeddingBatch b = e.embed(patches);
            assertEquals(3, b.size());
            assertEquals(lin.apply(patches[2])[5], b.embeddings()[2][5], 1e-3);
        }
    }

    @Test
    void wrongPatchShapeIsAnIllegalArgument() throws Exception {
        try (Embedder e = Embedders.open("yamnet", 1)) {
            assertThrows(IllegalArgumentException.class, () -> e.embed(new float[][][] {new float[95][64]}));
            assertThrows(IllegalArgumentException.class, () -> e.embed(new float[][][] {new float[96][63]}));
        }
    }

    @Test
    void garbageFileIsAModelException() throws Exception {
        Path p = tmp.resolve("garbage.onnx");
        Files.writeString(p, "this is not a model");
        ModelException e = assertThrows(ModelException.class, () -> Embedders.open(p.toString(), 1));
        assertTrue(e.getMessage().startsWith("cannot load model " + p), e.getMessage());
    }

    @Test
    void missingFileAndUnknownName() {
        ModelException e = assertThrows(ModelException.class,
                () -> Embedders.open(tmp.resolve("nope.onnx").toString(), 1));
        assertTrue(e.getMessage().contains("nope.onnx"), e.getMessage());
        BadInputException b = assertThrows(BadInputException.class, () -> Embedders.open("yamnett", 1));
        assertTrue(b.getMessage().contains("yamnett"), b.getMessage());
    }

    @Test
    void copyOfYamnetWithOneFlippedByteIsRefusedAsCorrupt() throws Exception {
        byte[] bytes = Files.readAllBytes(TestData.yamnetDir().resolve("yamnet.onnx"));
        bytes[bytes.length / 2] ^= 0x01;
        Path p = tmp.resolve("yamnet.onnx");
        Files.write(p, bytes);
        ModelException e = assertThrows(ModelException.class, () -> Embedders.open(p.toString(), 1));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseFails() {
        Embedder e = Embedders.open("yamnet", 1);
        e.close();
        e.close();
        assertThrows(IllegalStateException.class, () -> e.embed(randomPatches(1, 1)));
    }

    @Test
    void yamnetGraphUnderAnotherNameUsesTheClassMap() throws Exception {
        Path p = tmp.resolve("my-yamnet.onnx");
        Files.copy(TestData.yamnetDir().resolve("yamnet.onnx"), p);
        try (Embedder e = Embedders.open(p.toString(), 1)) {
            assertEquals("my-yamnet", e.name());
            assertEquals(521, e.labels().size());
            assertEquals(FrontEndVariant.YAMNET, e.frontEnd());
        }
    }

    @Test
    void closeFromAnotherThreadWaitsForTheRunningInference() throws Exception {
        Embedder e = Embedders.open("yamnet", 1);
        float[][][] patches = randomPatches(16, 3);
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> end = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                while (true) {
                    started.countDown();
                    e.embed(patches);
                    runs.incrementAndGet();
                }
            } catch (Throwable t) {
                end.set(t);
            }
        });
        worker.start();
        started.await();
        Thread.sleep(50);
        e.close();
        worker.join(30_000);
        assertTrue(!worker.isAlive());
        assertTrue(end.get() instanceof IllegalStateException, String.valueOf(end.get()));
        assertTrue(end.get().getMessage().contains("closed"), end.get().getMessage());
    }
}
