package dev.hark.models.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.ModelException;
import dev.hark.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Google's PCA and quantisation against the fixture made with the genuine parameters. */
class VggishPostprocessorTest {
    static final Path TESTING = TestData.shared().resolve("models/vggish/testing");

    @Test
    void reproducesTheReleasedUint8FormOfTheFixture() throws Exception {
        float[][] raw = TestData.f32(TESTING.resolve("embedding_3x128.f32"), 3, 128);
        byte[] want = Files.readAllBytes(TESTING.resolve("postprocessed_3x128.u8"));
        VggishPostprocessor pp = VggishPostprocessor.load();
        int distinct = 0;
        for (int i = 0; i < 3; i++) {
            byte[] got = pp.postprocess(raw[i]);
            assertArrayEquals(java.util.Arrays.copyOfRange(want, i * 128, i * 128 + 128), got, "row " + i);
            float[] f = pp.postprocessToFloats(raw[i]);
            for (int j = 0; j < 128; j++) {
                assertEquals(want[i * 128 + j] & 0xff, f[j], 0.0);
            }
            distinct += (int) java.util.stream.IntStream.range(0, 128).map(j -> got[j] & 0xff).distinct().count();
        }
        assertTrue(distinct > 30, "the fixture exercises many quantisation levels");
    }

    @Test
    void theFileFromTheSharedFolderGivesTheSameAsThePackedOne() throws Exception {
        Path npz = TestData.shared().resolve("models/vggish/vggish_pca_params.npz");
        VggishPostprocessor a = VggishPostprocessor.fromNpz(Files.readAllBytes(npz), npz.toString());
        float[] x = TestData.f32(TESTING.resolve("embedding_3x128.f32"), 3, 128)[1];
        assertArrayEquals(VggishPostprocessor.load().pca(x), a.pca(x), 0.0);
    }

    @Test
    void aWrongArchiveIsAModelExceptionNamingIt() {
        ModelException e = assertThrows(ModelException.class,
                () -> VggishPostprocessor.fromNpz("not a zip".getBytes(), "x.npz"));
        assertTrue(e.getMessage().contains("x.npz"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VggishPostprocessor.load().pca(new float[127]));
    }
}
