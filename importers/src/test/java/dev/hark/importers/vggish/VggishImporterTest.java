package dev.hark.importers.vggish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.BadInputException;
import dev.hark.errors.HarkException;
import dev.hark.errors.ModelException;
import dev.hark.importers.Fixtures;
import dev.hark.importers.FloatTensor;
import dev.hark.importers.OnnxCheck;
import dev.hark.importers.torch.StorageRef;
import dev.hark.importers.torch.StorageType;
import dev.hark.importers.torch.TensorRef;
import dev.hark.importers.torch.TorchStateDict;
import dev.hark.models.embed.VggishPostprocessor;
import dev.hark.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class VggishImporterTest {
    static final Path ZIP = Fixtures.MINI_ZIP;
    static final Path LEGACY = Fixtures.MINI_LEGACY;

    @TempDir
    Path tmp;

    @Test
    void bothSerialisationsGiveTheSameTensors() {
        TorchStateDict.Contents zip = TorchStateDict.read(ZIP);
        TorchStateDict.Contents legacy = TorchStateDict.read(LEGACY);
        assertEquals(TorchStateDict.Format.ZIP, zip.format());
        assertEquals(TorchStateDict.Format.LEGACY, legacy.format());
        assertEquals(18, zip.tensors().size());
        assertEquals(zip.tensors().keySet(), legacy.tensors().keySet());
        for (String k : zip.tensors().keySet()) {
            assertArrayEquals(zip.tensors().get(k).shape(), legacy.tensors().get(k).shape(), k);
            assertArrayEquals(zip.tensors().get(k).data(), legacy.tensors().get(k).data(), k);
        }
        VggishWeights w = VggishWeights.from(zip.tensors(), "fixture");
        assertArrayEquals(new int[] {4, 8, 16, 16, 32, 32}, w.convWidths());
        assertArrayEquals(new int[] {64, 64, 128}, w.linearWidths());
    }

    @Test
    void importedFixturesReproduceThePyTorchEmbeddings() throws IOException {
        float[][][] patches = Fixtures.patches(Fixtures.vggishTesting().resolve("patches_3x96x64.f32"), 3);
        for (boolean relu : new boolean[] {false, true}) {
            float[][] expected = Fixtures.rows(Fixtures.readF32(Fixtures.vggishTesting().resolve(
                    relu ? "embedding_port_relu_3x128.f32" : "embedding_3x128.f32")), 3, 128);
            for (Path src : List.of(ZIP, LEGACY)) {
                Path out = tmp.resolve(src.getFileName() + (relu ? ".relu" : "") + ".onnx");
                VggishImporter.Result r = VggishImporter.importFile(src, new VggishImporter.Options(out, relu));
                assertTrue(r.relativeError() <= VggishImporter.TOLERANCE, "built-in verification " + r.relativeError());
                float[][] got = OnnxCheck.run(out, patches).get("embedding");
                double rel = OnnxCheck.relativeError(got, toDouble(expected));
                double elem = maxElementwiseRelative(got, expected);
                System.out.printf("%s relu=%s: normwise relative error %.3g, elementwise %.3g, import %d ms%n",
                        src.getFileName(), relu, rel, elem, r.readMillis() + r.writeMillis() + r.verifyMillis());
                assertTrue(rel <= 1e-4, src + " relu=" + relu + ": relative error " + rel);
                assertTrue(elem <= 1e-4, src + " relu=" + relu + ": elementwise relative error " + elem);
            }
        }
    }

    @Test
    void pcaPostProcessingMatchesTheReleasedUint8Values() throws IOException {
        Path out = tmp.resolve("vggish.onnx");
        VggishImporter.importFile(ZIP, new VggishImporter.Options(out, false));
        float[][][] patches = Fixtures.patches(Fixtures.vggishTesting().resolve("patches_3x96x64.f32"), 3);
        float[][] emb = OnnxCheck.run(out, patches).get("embedding");
        Path npz = TestData.shared("models/vggish/vggish_pca_params.npz");
        VggishPostprocessor pp = VggishPostprocessor.fromNpz(Files.readAllBytes(npz), npz.toString());
        byte[] expected = Files.readAllBytes(Fixtures.vggishTesting().resolve("postprocessed_3x128.u8"));
        int offByOne = 0;
        int worse = 0;
        for (int n = 0; n < 3; n++) {
            byte[] got = pp.postprocess(emb[n]);
            for (int i = 0; i < 128; i++) {
                int q = got[i] & 0xff;
                int e = expected[n * 128 + i] & 0xff;
                if (q != e) {
                    if (Math.abs(q - e) == 1) {
                        offByOne++;
                    } else {
                        worse++;
                    }
                }
            }
        }
        System.out.printf("PCA uint8: %d of 384 values off by one (rounding boundary), %d worse%n", offByOne, worse);
        assertEquals(0, worse, "values off by more than one");
        assertTrue(offByOne <= 4, offByOne + " values off by one");
    }

    @Test
    void aGraphThatFailsVerificationIsNotKept() throws IOException {
        Path out = tmp.resolve("strict.onnx");
        Files.writeString(out, "the previous model");
        // no float32 graph matches a float64 reference exactly: with tolerance 0 the check must refuse
        ModelException e = assertThrows(ModelException.class,
                () -> VggishImporter.importFile(ZIP, new VggishImporter.Options(out, false), 0.0));
        assertTrue(e.getMessage().contains("verification failed") && e.getMessage().contains("nothing written"),
                e.getMessage());
        assertEquals("the previous model", Files.readString(out), "the old file is untouched");
        assertNoLeftovers();
    }

    @Test
    void nonFiniteWeightsAreNamed() {
        Map<String, FloatTensor> dict = new java.util.TreeMap<>(TorchStateDict.read(ZIP).tensors());
        FloatTensor b = dict.get("features.8.bias");
        float[] d = b.data().clone();
        d[3] = Float.NaN;
        dict.put(b.name(), new FloatTensor(b.name(), b.shape(), d));
        ModelException e = assertThrows(ModelException.class, () -> VggishWeights.from(dict, "f.pth"));
        assertTrue(e.getMessage().contains("key 'features.8.bias' holds NaN at index 3"), e.getMessage());
    }

    @Test
    void outputThatIsADirectoryIsRefusedEarly() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> VggishImporter.importFile(ZIP, new VggishImporter.Options(tmp, false)));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    @Test
    void truncatedZipIsRefused() throws IOException {
        byte[] all = Files.readAllBytes(ZIP);
        Path cut = tmp.resolve("cut.pth");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        ModelException e = assertThrows(ModelException.class, () -> TorchStateDict.read(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Path out = tmp.resolve("x.onnx");
        assertThrows(ModelException.class, () -> VggishImporter.importFile(cut, new VggishImporter.Options(out, false)));
        assertFalse(Files.exists(out));
        assertNoLeftovers();
    }

    @Test
    void truncatedLegacyStreamIsRefused() throws IOException {
        byte[] all = Files.readAllBytes(LEGACY);
        for (int len : new int[] {40, 1500, all.length - 100}) {
            Path cut = tmp.resolve("cut" + len + ".pth");
            Files.write(cut, Arrays.copyOf(all, len));
            ModelException e = assertThrows(ModelException.class, () -> TorchStateDict.read(cut), "length " + len);
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void wrongKeyIsNamed() throws IOException {
        Path bad = tmp.resolve("renamed.pth");
        Fixtures.rewriteZip(ZIP, bad, "data.pkl", d -> Fixtures.replaceAll(d, "embeddings.4.bias", "embeddings.5.bias"));
        ModelException e = assertThrows(ModelException.class,
                () -> VggishImporter.importFile(bad, new VggishImporter.Options(tmp.resolve("x.onnx"), false)));
        assertTrue(e.getMessage().contains("missing key 'embeddings.4.bias'"), e.getMessage());
        VggishWeights.from(TorchStateDict.read(ZIP).tensors(), "ok"); // the untouched file passes
        Map<String, FloatTensor> extra = new java.util.TreeMap<>(TorchStateDict.read(ZIP).tensors());
        extra.put("pproc._pca_means", new FloatTensor("pproc._pca_means", new int[] {1}, new float[] {0}));
        ModelException e2 = assertThrows(ModelException.class, () -> VggishWeights.from(extra, "f"));
        assertTrue(e2.getMessage().contains("unexpected key 'pproc._pca_means'"), e2.getMessage());
    }

    @Test
    void unexpectedShapeIsNamed() throws IOException {
        Path bad = tmp.resolve("swapped.pth");
        // swap two convolutions: features.3 then has 8 outputs from 4 inputs where features.6 expects 16 from 8
        Fixtures.rewriteZip(ZIP, bad, "data.pkl", d -> Fixtures.replaceAll(Fixtures.replaceAll(
                Fixtures.replaceAll(d, "features.3.", "features.X."), "features.6.", "features.3."), "features.X.", "features.6."));
        ModelException e = assertThrows(ModelException.class,
                () -> VggishImporter.importFile(bad, new VggishImporter.Options(tmp.resolve("x.onnx"), false)));
        assertTrue(e.getMessage().contains("key 'features.3.weight' has shape [16, 8, 3, 3]"), e.getMessage());
    }

    @Test
    void picklesNamingOtherGlobalsAreRefused() throws IOException {
        for (String[] g : new String[][] {{"os", "system"}, {"posix", "system"}, {"builtins", "eval"},
            {"subprocess", "Popen"}, {"datetime", "datetime"}}) {
            byte[] evil = Fixtures.pickleCalling(g[0], g[1], "touch " + tmp.resolve("pwned"));
            Path zip = tmp.resolve(g[0] + "_" + g[1] + ".pth");
            Fixtures.rewriteZip(ZIP, zip, "data.pkl", d -> evil);
            ModelException e = assertThrows(ModelException.class, () -> TorchStateDict.read(zip));
            assertTrue(e.getMessage().contains("'" + g[0] + "." + g[1] + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line");
        }
        // the same inside a legacy stream: magic number, protocol and sys info are fine, the main pickle is not
        byte[] legacy = Files.readAllBytes(LEGACY);
        Path evilLegacy = tmp.resolve("evil_legacy.pth");
        byte[] head = Arrays.copyOf(legacy, 137); // the three header pickles (see the format's description)
        byte[] evil = Fixtures.pickleCalling("os", "system", "true");
        byte[] both = Arrays.copyOf(head, head.length + evil.length);
        System.arraycopy(evil, 0, both, head.length, evil.length);
        Files.write(evilLegacy, both);
        ModelException e = assertThrows(ModelException.class, () -> TorchStateDict.read(evilLegacy));
        assertTrue(e.getMessage().contains("'os.system'"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("pwned")));
    }

    @Test
    void hugeLengthPrefixesAreRefusedBeforeAllocating() throws IOException {
        byte[] bomb = {(byte) 0x80, 2, 'X', (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 'a', 'b', '.'};
        Path zip = tmp.resolve("bomb.pth");
        Fixtures.rewriteZip(ZIP, zip, "data.pkl", d -> bomb);
        ModelException e = assertThrows(ModelException.class, () -> TorchStateDict.read(zip));
        assertTrue(e.getMessage().contains("a string of 2147483647 bytes"), e.getMessage());
    }

    @Test
    void notAPyTorchFileIsBadInput() throws IOException {
        Path txt = tmp.resolve("notes.pth");
        Files.writeString(txt, "hello, not a model\n");
        BadInputException e = assertThrows(BadInputException.class, () -> TorchStateDict.read(txt));
        assertTrue(e.getMessage().contains("not a PyTorch state dict"), e.getMessage());
        Path ckpt = tmp.resolve("vggish_model.ckpt");
        Files.writeString(ckpt, "tensorflow bundle");
        BadInputException tf = assertThrows(BadInputException.class,
                () -> VggishImporter.importFile(ckpt, new VggishImporter.Options(tmp.resolve("ckpt.onnx"), false)));
        assertTrue(tf.getMessage().contains("too short for a table"), tf.getMessage());
        assertFalse(Files.exists(tmp.resolve("ckpt.onnx")));
        Path empty = tmp.resolve("empty.pth");
        Files.write(empty, new byte[0]);
        assertThrows(BadInputException.class, () -> TorchStateDict.read(empty));
        assertThrows(BadInputException.class, () -> TorchStateDict.read(tmp.resolve("missing.pth")));
        Path otherZip = tmp.resolve("other.pth");
        Fixtures.rewriteZip(ZIP, otherZip, "data.pkl", d -> d);
        // a zip without NAME/data.pkl
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(otherZip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            out.write(1);
            out.closeEntry();
        }
        HarkException e2 = assertThrows(HarkException.class, () -> TorchStateDict.read(otherZip));
        assertTrue(e2.getMessage().contains("data.pkl"), e2.getMessage());
    }

    @Test
    void stridedAndOffsetStoragesAreMaterialisedContiguously() {
        // a 2x3 view with strides (1, 2) at offset 1 of a 7-element storage: the transpose of a 3x2 block
        StorageRef s = new StorageRef("0", StorageType.FLOAT, 7, 0);
        TensorRef t = new TensorRef(s, 1, new int[] {2, 3}, new long[] {1, 2});
        FloatTensor f = t.materialise(Path.of("x"), "w", new float[] {0, 1, 2, 3, 4, 5, 6});
        assertArrayEquals(new float[] {1, 3, 5, 2, 4, 6}, f.data());
        TensorRef past = new TensorRef(s, 2, new int[] {2, 3}, new long[] {1, 2});
        assertThrows(ModelException.class, () -> past.materialise(Path.of("x"), "w", new float[7]));
        // stride 0 (a broadcast) may not blow a small storage up into a huge array
        TensorRef broadcast = new TensorRef(s, 0, new int[] {40000, 40000}, new long[] {0, 0});
        ModelException e = assertThrows(ModelException.class, () -> broadcast.materialise(Path.of("x"), "w", new float[7]));
        assertTrue(e.getMessage().contains("more elements than its storage"), e.getMessage());
    }

    @Test
    void halfPrecisionConversionIsExact() {
        assertEquals(1.0f, FloatTensor.halfToFloat((short) 0x3c00));
        assertEquals(-2.0f, FloatTensor.halfToFloat((short) 0xc000));
        assertEquals(65504f, FloatTensor.halfToFloat((short) 0x7bff));
        assertEquals(0x1p-24f, FloatTensor.halfToFloat((short) 0x0001));
        assertEquals(Float.POSITIVE_INFINITY, FloatTensor.halfToFloat((short) 0x7c00));
    }

    private void assertNoLeftovers() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            List<String> parts = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
            assertTrue(parts.isEmpty(), "temporary files left: " + parts);
        }
    }

    public static double[][] toDouble(float[][] a) {
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                r[i][j] = a[i][j];
            }
        }
        return r;
    }

    static double maxElementwiseRelative(float[][] got, float[][] expected) {
        double scale = 0;
        for (float[] row : expected) {
            for (float v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        double m = 0;
        for (int i = 0; i < got.length; i++) {
            for (int j = 0; j < got[i].length; j++) {
                double denom = Math.max(Math.abs(expected[i][j]), 1e-2 * scale);
                m = Math.max(m, Math.abs(got[i][j] - expected[i][j]) / denom);
            }
        }
        return m;
    }
}
