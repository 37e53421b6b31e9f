package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.hark.models.catalog.UserModelDir;
import dev.hark.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end: {@code hark models import-vggish} through Hark.run, into a temporary user model directory. */
class ImportVggishCommandTest {
    static final Path TESTING = TestData.shared("models/vggish/testing");
    static final Path PCA = TestData.shared("models/vggish/vggish_pca_params.npz");

    @TempDir
    Path tmp;
    String saved;

    @BeforeEach
    void useTemporaryModelDir() {
        saved = System.getProperty(UserModelDir.PROPERTY);
        System.setProperty(UserModelDir.PROPERTY, tmp.resolve("models").toString());
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(UserModelDir.PROPERTY);
        } else {
            System.setProperty(UserModelDir.PROPERTY, saved);
        }
    }

    @Test
    void importsAndRegistersTheFixtureWithPca() throws Exception {
        Path src = TESTING.resolve("vggish_mini_random_legacy.pth");
        Object[] r = HarkCommandTest.run("models", "import-vggish", src.toString(), "--pca", PCA.toString());
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        String out = (String) r[1];
        Path model = tmp.resolve("models/vggish.onnx");
        assertTrue(Files.isRegularFile(model), out);
        assertTrue(Files.isRegularFile(tmp.resolve("models/vggish_pca_params.npz")));
        assertEquals(Files.size(PCA), Files.size(tmp.resolve("models/vggish_pca_params.npz")));
        assertTrue(out.contains("Registered: " + model.toAbsolutePath()), out);
        assertTrue(out.contains("legacy single stream"), out);
        assertTrue(out.contains("conv 4,8,16,16,32,32; linear 64,64,128"), out);
        try (Stream<Path> files = Files.list(tmp.resolve("models"))) {
            assertEquals(2, files.count(), "no temporary files left");
        }
        // the metadata names the source and the importer
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(model.toString(), new OrtSession.SessionOptions())) {
            Map<String, String> meta = s.getMetadata().getCustomMetadata();
            assertEquals(dev.hark.importers.Provenance.sha256(src), meta.get("hark.source.sha256"));
            assertEquals("1", meta.get("hark.importer.version"));
            assertEquals("false", meta.get("hark.final_relu"));
            assertEquals(Arrays.asList("log_mel_patch"), s.getInputNames().stream().toList());
            assertEquals(Arrays.asList("embedding"), s.getOutputNames().stream().toList());
        }
    }

    @Test
    void writesToOutWithoutRegistering() {
        Path out = tmp.resolve("elsewhere/v.onnx");
        Object[] r = HarkCommandTest.run("models", "import-vggish", TESTING.resolve("vggish_mini_random.pth").toString(),
                "--port-relu", "--out", out.toString(), "--no-register");
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        assertTrue(Files.isRegularFile(out));
        assertFalse(Files.exists(tmp.resolve("models/vggish.onnx")));
        assertTrue(((String) r[1]).contains("ReLU (PyTorch port)"), (String) r[1]);
    }

    @Test
    void importsGooglesCheckpointFormat() throws Exception {
        Path out = tmp.resolve("ckpt/vggish.onnx");
        Object[] r = HarkCommandTest.run("models", "import-vggish", TESTING.resolve("vggish_mini_random.ckpt").toString(),
                "--out", out.toString(), "--no-register");
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        String text = (String) r[1];
        assertTrue(text.contains("(TensorFlow V1 checkpoint, 18 variables)"), text);
        assertTrue(text.contains("conv 4,8,16,16,32,32; linear 64,64,128; 79,408 parameters"), text);
        assertTrue(Files.isRegularFile(out));
        assertFalse(Files.exists(tmp.resolve("models/vggish.onnx")));
        byte[] all = Files.readAllBytes(TESTING.resolve("vggish_mini_random.ckpt"));
        Path cut = tmp.resolve("cut.ckpt");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        expectFailure(ExitCodes.BAD_INPUT, "no table magic at the end of the file", cut.toString());
        expectFailure(ExitCodes.MODEL_PROBLEM, "missing variable 'vggish/conv1/weights'",
                TESTING.resolve("tf_written_v1_small.ckpt").toString());
        assertFalse(Files.exists(tmp.resolve("models/vggish.onnx")), "nothing registered after failures");
    }

    @Test
    void badInputsGiveOneLineErrorsAndExitCodes() throws Exception {
        Path txt = tmp.resolve("notes.pth");
        Files.writeString(txt, "not a model");
        expectFailure(ExitCodes.BAD_INPUT, "not a PyTorch state dict", txt.toString());
        expectFailure(ExitCodes.BAD_INPUT, "no such file", tmp.resolve("missing.pth").toString());
        byte[] all = Files.readAllBytes(TESTING.resolve("vggish_mini_random.pth"));
        Path cut = tmp.resolve("cut.pth");
        Files.write(cut, Arrays.copyOf(all, 100_000));
        expectFailure(ExitCodes.MODEL_PROBLEM, "truncated", cut.toString());
        expectFailure(ExitCodes.BAD_INPUT, "--no-register needs --out", TESTING.resolve("vggish_mini_random.pth").toString(),
                "--no-register");
        expectFailure(ExitCodes.BAD_INPUT, "not a numpy .npz", TESTING.resolve("vggish_mini_random.pth").toString(),
                "--pca", txt.toString());
        expectFailure(ExitCodes.MODEL_PROBLEM, "VGGish PCA parameters", TESTING.resolve("vggish_mini_random.pth").toString(),
                "--pca", TESTING.resolve("vggish_mini_random.pth").toString());
        assertFalse(Files.exists(tmp.resolve("models/vggish.onnx")), "nothing registered after failures");
    }

    private void expectFailure(int code, String text, String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "models";
        full[1] = "import-vggish";
        System.arraycopy(args, 0, full, 2, args.length);
        Object[] r = HarkCommandTest.run(full);
        String err = (String) r[2];
        assertEquals(code, r[0], err);
        assertTrue(err.startsWith("hark: ") && err.contains(text), err);
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
    }
}
