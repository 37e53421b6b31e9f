package dev.hark.importers.yamnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.BadInputException;
import dev.hark.errors.ModelException;
import dev.hark.importers.Fixtures;
import dev.hark.importers.OnnxCheck;
import dev.hark.importers.Provenance;
import dev.hark.importers.tflite.TfliteOps;
import dev.hark.importers.vggish.VggishImporterTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class YamnetImporterTest {
    static final Path YAMNET = Fixtures.shared().resolve("models/yamnet");
    static final Path TFLITE = YAMNET.resolve("source/yamnet_tfhub_dynrange_int8.tflite");

    @TempDir
    Path tmp;

    /**
     * The shared yamnet.onnx (and so the golden outputs) was converted through flatc's JSON text form, which prints
     * each quantisation scale with 6 decimals; with the same rounding the import reproduces the golden outputs.
     */
    @Test
    void genuineFileReproducesTheGoldenOutputs() throws IOException {
        Path out = tmp.resolve("yamnet.onnx");
        YamnetImporter.Result r = YamnetImporter.importFile(TFLITE, out, 6);
        System.out.printf("import-yamnet: %d ms (read %d, build %d, verify %d); verification errors %.3g / %.3g; ops %s;"
                + " %,d parameters; dropped front end %s%n", r.readMillis() + r.writeMillis() + r.verifyMillis(),
                r.readMillis(), r.writeMillis(), r.verifyMillis(), r.scoresError(), r.embeddingError(), r.operators(),
                r.parameters(), r.droppedFrontEnd());
        assertEquals(521, r.classes());
        assertEquals(1024, r.embeddingSize());
        assertEquals(Map.of("CONV_2D", 14, "DEPTHWISE_CONV_2D", 13, "MEAN", 1, "FULLY_CONNECTED", 1, "LOGISTIC", 1),
                r.operators());
        assertTrue(r.droppedFrontEnd().contains("RFFT2D") && r.droppedFrontEnd().contains("LOG"), r.droppedFrontEnd().toString());
        assertEquals(0.001f, (float) r.frontEndLogOffset());
        try (ai.onnxruntime.OrtSession s = ai.onnxruntime.OrtEnvironment.getEnvironment().createSession(out.toString(),
                new ai.onnxruntime.OrtSession.SessionOptions())) {
            Map<String, String> meta = s.getMetadata().getCustomMetadata();
            assertEquals(Provenance.sha256(TFLITE), meta.get("hark.source.sha256"));
            assertEquals("6", meta.get("hark.scale_decimals"));
            assertEquals(YamnetImporter.IMPORTER_VERSION, meta.get("hark.importer.version"));
        } catch (ai.onnxruntime.OrtException e) {
            throw new AssertionError(e);
        }
        double[] err = goldenErrors(out);
        System.out.printf("YAMNet golden (scales rounded to 6 decimals): max abs error scores %.3g, embedding %.3g%n",
                err[0], err[1]);
        assertTrue(err[0] <= 1e-5, "scores max abs error " + err[0]);
        assertTrue(err[1] <= 1e-5, "embedding max abs error " + err[1]);
    }

    /** With the exact scales the outputs move away from the golden ones by what the rounding explains, no more. */
    @Test
    void exactScalesDifferFromTheGoldenOnlyByTheScaleRounding() throws IOException {
        Path out = tmp.resolve("yamnet_exact.onnx");
        YamnetImporter.Result r = YamnetImporter.importFile(TFLITE, out);
        assertTrue(r.scoresError() <= YamnetImporter.TOLERANCE && r.embeddingError() <= YamnetImporter.TOLERANCE);
        double[] err = goldenErrors(out);
        System.out.printf("YAMNet golden (exact scales): max abs error scores %.3g, embedding %.3g%n", err[0], err[1]);
        assertTrue(err[0] > 1e-5, "exact scales should differ from the rounded ones");
        assertTrue(err[0] < 5e-3 && err[1] < 3e-2, "scores " + err[0] + ", embedding " + err[1]);
    }

    private static double[] goldenErrors(Path model) throws IOException {
        float[][][] patches = Fixtures.patches(YAMNET.resolve("golden/patches_6x96x64.f32"), 6);
        Map<String, float[][]> got = OnnxCheck.run(model, patches);
        float[][] scores = Fixtures.rows(Fixtures.readF32(YAMNET.resolve("golden/scores_6x521.f32")), 6, 521);
        float[][] emb = Fixtures.rows(Fixtures.readF32(YAMNET.resolve("golden/embedding_6x1024.f32")), 6, 1024);
        return new double[] {OnnxCheck.maxAbsError(got.get("scores"), VggishImporterTest.toDouble(scores)),
            OnnxCheck.maxAbsError(got.get("embedding"), VggishImporterTest.toDouble(emb))};
    }

    @Test
    void samePaddingFollowsTensorFlow() {
        // in 96, stride 2, kernel 3: out 48, total (47 * 2 + 3 - 96) = 1 -> 0 before, 1 after
        assertEquals("[0, 1]", Arrays.toString(TfliteOps.samePads(96, 2, 3)));
        // in 3, stride 2, kernel 3: out 2, total 2 -> 1, 1
        assertEquals("[1, 1]", Arrays.toString(TfliteOps.samePads(3, 2, 3)));
        // in 6, stride 1, kernel 3: total 2
        assertEquals("[1, 1]", Arrays.toString(TfliteOps.samePads(6, 1, 3)));
        // in 5, stride 2, kernel 4: out 3, total 4 + 4 - 5 = 3 -> 1, 2
        assertEquals("[1, 2]", Arrays.toString(TfliteOps.samePads(5, 2, 4)));
        // larger stride than needed: never negative
        assertEquals("[0, 0]", Arrays.toString(TfliteOps.samePads(8, 4, 2)));
    }

    @Test
    void notATfliteFileIsBadInput() throws IOException {
        Path txt = tmp.resolve("model.tflite");
        Files.writeString(txt, "definitely not a flatbuffer, but long enough");
        BadInputException e = assertThrows(BadInputException.class, () -> YamnetImporter.importFile(txt, tmp.resolve("y.onnx")));
        assertTrue(e.getMessage().contains("not a TFLite model"), e.getMessage());
        assertThrows(BadInputException.class, () -> YamnetImporter.importFile(tmp.resolve("none.tflite"), tmp.resolve("y.onnx")));
        // a .pth is not a TFLite file either
        assertThrows(BadInputException.class, () -> YamnetImporter.importFile(
                Fixtures.MINI_ZIP, tmp.resolve("y.onnx")));
        assertFalse(Files.exists(tmp.resolve("y.onnx")));
    }

    @Test
    void truncatedTfliteIsRefused() throws IOException {
        byte[] all = Files.readAllBytes(TFLITE);
        Path cut = tmp.resolve("cut.tflite");
        Files.write(cut, Arrays.copyOf(all, all.length / 3));
        ModelException e = assertThrows(ModelException.class, () -> YamnetImporter.importFile(cut, tmp.resolve("y.onnx")));
        assertTrue(e.getMessage().contains("cut.tflite"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("y.onnx")));
    }

    /** A small log-mel-input model: [96,64] input, int8 per-channel conv with RELU6, depthwise x2, int8 per-tensor dense. */
    public static TinyTflite logMelModel(boolean withAdd) {
        java.util.Random rnd = new java.util.Random(7);
        TinyTflite m = new TinyTflite();
        int in = m.activation("log_mel", 96, 64);
        int shape = m.ints("shape", new int[] {1, 96, 64, 1});
        int x = m.activation("patch", 1, 96, 64, 1);
        m.op(org.tensorflow.lite.schema.BuiltinOperator.RESHAPE, new int[] {in, shape}, new int[] {x}, (byte) 0, null);
        byte[] q = new byte[4 * 3 * 3];
        for (int i = 0; i < q.length; i++) {
            q[i] = (byte) (rnd.nextInt(255) - 127);
        }
        int w1 = m.int8("conv_w", new int[] {4, 3, 3, 1}, q, new float[] {0.01f, 0.02f, 0.005f, 0.03f}, new long[] {0, 0, 0, 0}, 0);
        int b1 = m.floats("conv_b", new int[] {4}, new float[] {0.1f, -0.2f, 0.3f, 0f});
        int y1 = m.activation("conv", 1, 48, 32, 4);
        m.op(org.tensorflow.lite.schema.BuiltinOperator.CONV_2D, new int[] {x, w1, b1}, new int[] {y1},
                org.tensorflow.lite.schema.BuiltinOptions.Conv2DOptions, b -> org.tensorflow.lite.schema.Conv2DOptions
                        .createConv2DOptions(b, org.tensorflow.lite.schema.Padding.SAME, 2, 2,
                                org.tensorflow.lite.schema.ActivationFunctionType.RELU6, 1, 1));
        float[] dw = new float[3 * 3 * 8];
        for (int i = 0; i < dw.length; i++) {
            dw[i] = (float) rnd.nextGaussian();
        }
        int w2 = m.floats("dw_w", new int[] {1, 3, 3, 8}, dw);
        int b2 = m.floats("dw_b", new int[] {8}, new float[] {0, 0.1f, 0.2f, 0.3f, -0.1f, -0.2f, 0.05f, 0});
        int y2 = m.activation("dw", 1, 24, 16, 8);
        m.op(org.tensorflow.lite.schema.BuiltinOperator.DEPTHWISE_CONV_2D, new int[] {y1, w2, b2}, new int[] {y2},
                org.tensorflow.lite.schema.BuiltinOptions.DepthwiseConv2DOptions, b -> org.tensorflow.lite.schema
                        .DepthwiseConv2DOptions.createDepthwiseConv2DOptions(b, org.tensorflow.lite.schema.Padding.SAME,
                                2, 2, 2, org.tensorflow.lite.schema.ActivationFunctionType.RELU, 1, 1));
        int axes = m.ints("axes", new int[] {1, 2});
        int pooled = m.activation("pooled", 1, 8);
        m.op(org.tensorflow.lite.schema.BuiltinOperator.MEAN, new int[] {y2, axes}, new int[] {pooled},
                org.tensorflow.lite.schema.BuiltinOptions.ReducerOptions,
                b -> org.tensorflow.lite.schema.ReducerOptions.createReducerOptions(b, false));
        int dense = pooled;
        if (withAdd) {
            dense = m.activation("added", 1, 8);
            m.op(org.tensorflow.lite.schema.BuiltinOperator.ADD, new int[] {pooled, pooled}, new int[] {dense}, (byte) 0, null);
        }
        byte[] fq = new byte[5 * 8];
        for (int i = 0; i < fq.length; i++) {
            fq[i] = (byte) (rnd.nextInt(255) - 127);
        }
        int w3 = m.int8("fc_w", new int[] {5, 8}, fq, new float[] {0.02f}, new long[] {0}, 0);
        int b3 = m.floats("fc_b", new int[] {5}, new float[] {0.5f, -0.5f, 0, 1, -1});
        int logits = m.activation("logits", 1, 5);
        m.op(org.tensorflow.lite.schema.BuiltinOperator.FULLY_CONNECTED, new int[] {dense, w3, b3}, new int[] {logits},
                (byte) 0, null);
        int scores = m.activation("scores", 1, 5);
        m.op(org.tensorflow.lite.schema.BuiltinOperator.LOGISTIC, new int[] {logits}, new int[] {scores}, (byte) 0, null);
        m.io(new int[] {in}, new int[] {scores});
        return m;
    }

    @Test
    void logMelInputVariantImportsAndVerifies() throws IOException {
        Path f = tmp.resolve("tiny.tflite");
        Files.write(f, logMelModel(false).build());
        Path out = tmp.resolve("tiny.onnx");
        YamnetImporter.Result r = YamnetImporter.importFile(f, out);
        assertTrue(r.droppedFrontEnd().isEmpty(), r.droppedFrontEnd().toString());
        assertEquals(5, r.classes());
        assertEquals(8, r.embeddingSize());
        assertTrue(r.scoresError() <= 1e-6 && r.embeddingError() <= 1e-6, r.scoresError() + " " + r.embeddingError());
        // batch of two: each row equals the single-patch result (the graph is batch-independent)
        float[][] p0 = OnnxCheck.verificationPatch();
        float[][] p1 = Fixtures.patches(YAMNET.resolve("golden/patches_6x96x64.f32"), 6)[0];
        Map<String, float[][]> both = OnnxCheck.run(out, new float[][][] {p0, p1});
        Map<String, float[][]> one = OnnxCheck.run(out, new float[][][] {p1});
        org.junit.jupiter.api.Assertions.assertArrayEquals(one.get("scores")[0], both.get("scores")[1], 1e-6f);
        org.junit.jupiter.api.Assertions.assertArrayEquals(one.get("embedding")[0], both.get("embedding")[1], 1e-6f);
    }

    @Test
    void unsupportedOperatorIsNamed() throws IOException {
        Path f = tmp.resolve("add.tflite");
        Files.write(f, logMelModel(true).build());
        ModelException e = assertThrows(ModelException.class, () -> YamnetImporter.importFile(f, tmp.resolve("a.onnx")));
        assertTrue(e.getMessage().contains("unsupported TFLite operator ADD"), e.getMessage());
    }

    @Test
    void waveformInputWithoutALogMelPatchIsRefused() throws IOException {
        TinyTflite m = new TinyTflite();
        int wave = m.activation("waveform", 1, 15600, 1, 1);
        int w = m.floats("w", new int[] {1, 3, 1, 1}, new float[] {1, 2, 1});
        int y = m.activation("y", 1, 15600, 1, 1);
        m.op(org.tensorflow.lite.schema.BuiltinOperator.CONV_2D, new int[] {wave, w}, new int[] {y},
                org.tensorflow.lite.schema.BuiltinOptions.Conv2DOptions, b -> org.tensorflow.lite.schema.Conv2DOptions
                        .createConv2DOptions(b, org.tensorflow.lite.schema.Padding.SAME, 1, 1, (byte) 0, 1, 1));
        m.io(new int[] {wave}, new int[] {y});
        Path f = tmp.resolve("wave.tflite");
        Files.write(f, m.build());
        ModelException e = assertThrows(ModelException.class, () -> YamnetImporter.importFile(f, tmp.resolve("w.onnx")));
        assertTrue(e.getMessage().contains("not a 96x64 log-mel patch") && e.getMessage().contains("supported: "),
                e.getMessage());
        assertFalse(Files.exists(tmp.resolve("w.onnx")));
    }
}
