package dev.hark.models.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.frontend.FrontEndVariant;
import dev.hark.core.frontend.LogMel;
import dev.hark.core.frontend.Patcher;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import dev.hark.models.embed.EmbeddingBatch;
import dev.hark.models.head.AudioSetHead;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WindowAnalyzerTest {
    static Embedder yamnet;

    @BeforeAll
    static void open() {
        yamnet = Embedders.open("yamnet", 1);
    }

    @AfterAll
    static void close() {
        yamnet.close();
    }

    /** Tone bursts in noise, {@code seconds} long, seeded. */
    static float[] signal(double seconds, long seed) {
        Random r = new Random(seed);
        float[] s = new float[(int) Math.round(seconds * 16000)];
        for (int i = 0; i < s.length; i++) {
            double t = i / 16000.0;
            double burst = ((int) (t * 3)) % 2 == 0 ? 0.3 * Math.sin(2 * Math.PI * (600 + 200 * seed) * t) : 0;
            s[i] = (float) (burst + 0.02 * r.nextGaussian());
        }
        return s;
    }

    static WindowAnalyzer.Builder yamnetAnalyzer() {
        return WindowAnalyzer.builder(yamnet).classifier(AudioSetHead.of(yamnet));
    }

    static List<WindowResult> stream(WindowAnalyzer.Builder b, float[] samples, long chunkSeed) {
        List<WindowResult> out = new ArrayList<>();
        WindowAnalyzer a = b.listener(out::add).build();
        Random r = new Random(chunkSeed);
        int pos = 0;
        while (pos < samples.length) {
            int len = chunkSeed == 0 ? samples.length : Math.min(samples.length - pos, 1 + r.nextInt(5000));
            a.accept(samples, pos, len);
            pos += len;
        }
        a.finish();
        return out;
    }

    static void assertSame(List<WindowResult> want, List<WindowResult> got, String what) {
        assertEquals(want.size(), got.size(), what + ": window count");
        for (int i = 0; i < want.size(); i++) {
            WindowResult w = want.get(i);
            WindowResult g = got.get(i);
            assertEquals(w.index(), g.index(), what + " index " + i);
            assertEquals(w.startSeconds(), g.startSeconds(), 0.0, what + " start " + i);
            assertEquals(w.endSeconds(), g.endSeconds(), 0.0, what + " end " + i);
            assertEquals(w.padded(), g.padded(), what + " padded " + i);
            assertArrayEquals(w.embedding(), g.embedding(), what + " embedding " + i);
            assertArrayEquals(w.scores(), g.scores(), what + " scores " + i);
        }
    }

    @Test
    void sameResultsBitForBitWhateverBatchSizeAndChunking() {
        float[] s = signal(3.5, 1);
        List<WindowResult> whole32 = stream(yamnetAnalyzer().batchSize(32), s, 0);
        List<WindowResult> chunked1 = stream(yamnetAnalyzer().batchSize(1), s, 42);
        List<WindowResult> chunked4 = stream(yamnetAnalyzer().batchSize(4), s, 7);
        // 3.5 s = 56000 samples: 348 frames, windows every 48 frames: 1 + (348 - 96) / 48 = 6
        assertEquals(6, whole32.size());
        assertSame(whole32, chunked1, "batch 1, random chunks");
        assertSame(whole32, chunked4, "batch 4, random chunks");
        for (int i = 0; i < 6; i++) {
            assertEquals(i, whole32.get(i).index());
            assertEquals(0.48 * i, whole32.get(i).startSeconds(), 1e-12);
            assertEquals(0.48 * i + 0.975, whole32.get(i).endSeconds(), 1e-12);
            assertFalse(whole32.get(i).padded());
            assertEquals(521, whole32.get(i).scores().length);
        }
    }

    @Test
    void equalsTheNonStreamingFrontEndAndOneBigBatch() {
        float[] s = signal(2.5, 2);
        List<WindowResult> got = stream(yamnetAnalyzer(), s, 3);
        float[][][] patches = Patcher.patches(LogMel.logMel(s, FrontEndVariant.YAMNET), 48);
        EmbeddingBatch b = yamnet.embed(patches);
        assertEquals(patches.length, got.size());
        for (int i = 0; i < patches.length; i++) {
            assertArrayEquals(b.embeddings()[i], got.get(i).embedding());
            assertArrayEquals(b.scores()[i], got.get(i).scores());
        }
    }

    @Test
    void shortInputIsPaddedWithSilenceToExactlyOneWindow() {
        float[] s = signal(0.5, 3);
        List<WindowResult> got = stream(yamnetAnalyzer(), s, 0);
        assertEquals(1, got.size());
        WindowResult w = got.get(0);
        assertTrue(w.padded());
        assertEquals(0.0, w.startSeconds());
        assertEquals(0.975, w.endSeconds(), 1e-12);
        float[] padded = java.util.Arrays.copyOf(s, 15600);
        float[][][] patches = Patcher.patches(LogMel.logMel(padded, FrontEndVariant.YAMNET), 48);
        assertEquals(1, patches.length);
        assertArrayEquals(yamnet.embed(patches).scores()[0], w.scores());
    }

    @Test
    void onePatchExactlyIsNotPaddedOneSampleLessIs() {
        float[] s = signal(1.0, 4);
        List<WindowResult> exact = stream(yamnetAnalyzer(), java.util.Arrays.copyOf(s, 15600), 0);
        assertEquals(1, exact.size());
        assertFalse(exact.get(0).padded());
        List<WindowResult> less = stream(yamnetAnalyzer(), java.util.Arrays.copyOf(s, 15599), 0);
        assertEquals(1, less.size());
        assertTrue(less.get(0).padded());
        List<WindowResult> none = stream(yamnetAnalyzer(), new float[0], 0);
        assertEquals(1, none.size());
        assertTrue(none.get(0).padded());
    }

    @Test
    void skippedWindowsLeaveTheOthersUnchanged() {
        float[] s = signal(4.0, 5);
        List<WindowResult> all = stream(yamnetAnalyzer().batchSize(3), s, 0);
        List<WindowResult> some = stream(yamnetAnalyzer().batchSize(3).windowFilter(start -> start % 96 == 0), s, 11);
        List<WindowResult> want = new ArrayList<>();
        for (WindowResult r : all) {
            if (r.index() % 2 == 0) {
                want.add(r);
            }
        }
        assertTrue(want.size() >= 3);
        assertSame(want, some, "filtered");
    }

    @Test
    void analyzeReturnsTheStreamedWindowsAndLeavesTheAnalyzerReusable() {
        float[] s = signal(2.0, 6);
        List<WindowResult> streamed = stream(yamnetAnalyzer(), s, 5);
        List<WindowResult> called = new ArrayList<>();
        WindowAnalyzer a = yamnetAnalyzer().listener(called::add).build();
        assertSame(streamed, a.analyze(s), "analyze");
        assertSame(streamed, a.analyze(s), "analyze again");
        assertTrue(called.isEmpty(), "analyze does not call the listener");
        a.accept(s, 0, 100);
        assertThrows(IllegalStateException.class, () -> a.analyze(s));
    }

    @Test
    void withoutHeadScoresAreNullAndHopIsTheModelDefault() {
        WindowAnalyzer a = WindowAnalyzer.builder(yamnet).build();
        assertEquals(48, a.hopFrames());
        List<WindowResult> r = a.analyze(signal(1.5, 7));
        assertEquals(2, r.size());
        assertNull(r.get(0).scores());
        assertEquals(1024, r.get(0).embedding().length);
        WindowAnalyzer b = WindowAnalyzer.builder(yamnet).hopFrames(96).build();
        assertEquals(1, b.analyze(signal(1.5, 7)).size());
    }

    @Test
    void vggishShapedModelUsesItsOwnFrontEndAndHop(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path p = tmp.resolve("v.onnx");
        java.nio.file.Files.write(p, dev.hark.models.embed.TestGraphs.linear("x", new long[] {-1, 96, 64}, "e", 128, 1)
                .onnx());
        float[] s = signal(3.0, 8);
        try (Embedder v = Embedders.open(p, 1)) {
            WindowAnalyzer a = WindowAnalyzer.builder(v).batchSize(2).build();
            assertEquals(96, a.hopFrames());
            List<WindowResult> r = a.analyze(s);
            float[][][] patches = Patcher.patches(LogMel.logMel(s, FrontEndVariant.VGGISH), 96);
            assertEquals(patches.length, r.size());
            assertEquals(3, r.size());
            for (int i = 0; i < r.size(); i++) {
                assertArrayEquals(v.embed(new float[][][] {patches[i]}).embeddings()[0], r.get(i).embedding());
                assertEquals(0.96 * i, r.get(i).startSeconds(), 1e-12);
            }
        }
    }
}
