package dev.hark.importers.vggish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.frontend.FrontEndVariant;
import dev.hark.models.catalog.UserModelDir;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import dev.hark.models.embed.EmbeddingBatch;
import dev.hark.models.embed.VggishPostprocessor;
import dev.hark.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --model vggish} end to end on the importer's fixture: the mini VGGish state dict imported into the
 * user model directory, found by name, run by ONNX Runtime, post-processed with Google's PCA.
 */
class VggishImportedFixtureTest {
    static final Path TESTING = TestData.shared().resolve("models/vggish/testing");

    @TempDir
    Path home;

    @AfterEach
    void clearProperty() {
        System.clearProperty(UserModelDir.PROPERTY);
    }

    @Test
    void importedStateDictGivesTheReferenceEmbeddingsAndPostprocessing() throws Exception {
        importedFixtureGivesTheReferenceEmbeddingsAndPostprocessing("vggish_mini_random.pth");
    }

    /** Google's format: the same weights under TensorFlow's names, HWIO kernels and [in,out] matrices. */
    @Test
    void importedTensorFlowCheckpointGivesTheReferenceEmbeddingsAndPostprocessing() throws Exception {
        importedFixtureGivesTheReferenceEmbeddingsAndPostprocessing("vggish_mini_random.ckpt");
    }

    private void importedFixtureGivesTheReferenceEmbeddingsAndPostprocessing(String fixture) throws Exception {
        VggishImporter.importFile(TESTING.resolve(fixture), new VggishImporter.Options(home.resolve("vggish.onnx"), false));
        System.setProperty(UserModelDir.PROPERTY, home.toString());
        float[][][] patches = TestData.f32(TESTING.resolve("patches_3x96x64.f32"), 3, 96, 64);
        float[][] want = TestData.f32(TESTING.resolve("embedding_3x128.f32"), 3, 128);
        byte[] wantU8 = Files.readAllBytes(TESTING.resolve("postprocessed_3x128.u8"));
        try (Embedder v = Embedders.open("vggish", 1)) {
            assertEquals("vggish", v.name());
            assertEquals(FrontEndVariant.VGGISH, v.frontEnd());
            EmbeddingBatch b = v.embed(patches);
            VggishPostprocessor pp = VggishPostprocessor.load();
            for (int i = 0; i < 3; i++) {
                double num = 0;
                double den = 0;
                for (int j = 0; j < 128; j++) {
                    num += Math.pow(b.embeddings()[i][j] - want[i][j], 2);
                    den += Math.pow(want[i][j], 2);
                }
                assertTrue(Math.sqrt(num / den) < 1e-4, "relative error of row " + i + ": " + Math.sqrt(num / den));
                byte[] got = pp.postprocess(b.embeddings()[i]);
                for (int j = 0; j < 128; j++) {
                    // float32 ONNX vs the reference may land on the other side of a quantisation step
                    assertTrue(Math.abs((got[j] & 0xff) - (wantU8[i * 128 + j] & 0xff)) <= 1, "u8 " + i + "," + j);
                }
            }
        }
    }
}
