package dev.hark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.app.ExitCodes;
import dev.hark.testkit.TestData;
import dev.hark.testkit.Tools;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parity benchmark refuses a missing peer in one line and, where onnxruntime-node is installed (directory named
 * by {@code HARK_ONNXRUNTIME_NODE}, as {@code .ci/run} installs it), runs both sides and finds the same first embedding
 * value on each.
 */
class OrtParityBenchCommandTest {
    @Test
    void aDirectoryWithoutOnnxruntimeNodeIsOneLineAndExitCode2(@TempDir Path dir) {
        Object[] r = BenchTest.run("ort-parity", "--node-modules", dir.toString(), "--onnx", yamnet());
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        String err = (String) r[2];
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("hark: no onnxruntime-node in " + dir), err);
    }

    @Test
    void aMissingModelIsNamed(@TempDir Path dir) {
        Object[] r = BenchTest.run("ort-parity", "--node-modules", dir.toString(), "--onnx", dir.resolve("x.onnx").toString());
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertTrue(((String) r[2]).startsWith("hark: cannot read model " + dir.resolve("x.onnx")), (String) r[2]);
    }

    @Test
    void bothSidesRunTheSameGraph() {
        Tools.assumeOnnxRuntimeNode();
        String peer = Tools.onnxRuntimeNodeModules().toAbsolutePath().getParent().toString();
        Object[] r = BenchTest.run("ort-parity", "--node-modules", peer, "--onnx", yamnet(), "--seconds", "0.1",
                "--warmup-seconds", "0", "--rounds", "1", "--batch", "4");
        assertEquals(0, r[0], (String) r[2]);
        String out = (String) r[1];
        assertTrue(out.contains("2 threads, batch   4: Hark"), out);
        assertTrue(out.lines().filter(l -> l.contains("per CPU second")).count() == 4, out);
        assertTrue(out.contains("the first embedding value is the same on both sides"), out);
    }

    private static String yamnet() {
        return TestData.yamnetDir().resolve("yamnet.onnx").toString();
    }
}
