package dev.hark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hark.app.ExitCodes;
import dev.hark.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parity benchmark refuses a missing peer in one line and, where onnxruntime-node is installed (directory named
 * by {@code HARK_ORT_NODE_DIR}), runs both sides and finds the same first embedding value on each.
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
        String peer = System.getenv("HARK_ORT_NODE_DIR");
        assumeTrue(peer != null && Files.isDirectory(Path.of(peer, "node_modules/onnxruntime-node")),
                "HARK_ORT_NODE_DIR names no directory with onnxruntime-node");
        Object[] r = BenchTest.run("ort-parity", "--node-modules", peer, "--onnx", yamnet(), "--seconds", "0.1",
                "--warmup-seconds", "0", "--rounds", "1", "--batch", "4");
        assertEquals(0, r[0], (String) r[2]);
        String out = (String) r[1];
        assertTrue(out.contains("2 threads, batch   4: Hark"), out);
        assertTrue(out.contains("the first embedding value is the same on both sides"), out);
    }

    private static String yamnet() {
        return TestData.yamnetDir().resolve("yamnet.onnx").toString();
    }
}
