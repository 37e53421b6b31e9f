package dev.hark.importers;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hark.errors.HarkException;
import dev.hark.importers.tfcheckpoint.TfCheckpoint;
import dev.hark.importers.tfcheckpoint.TfCheckpointTables;
import dev.hark.importers.vggish.VggishImporter;
import dev.hark.importers.yamnet.YamnetImporter;
import dev.hark.importers.yamnet.YamnetImporterTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: whatever bytes a weights file holds, an import either succeeds or fails with a one-line
 * {@link HarkException} (exit 2 or 3), never with another exception (exit 1 and a stack trace), and never
 * leaves an output file behind when it fails.
 */
class MalformedFilesPropertyTest {
    /** Fixed for CI; other seeds explore further: environment variable HARK_FUZZ_SEED=N. */
    static final long SEED = System.getenv("HARK_FUZZ_SEED") == null ? 0 : Long.parseLong(System.getenv("HARK_FUZZ_SEED"));

    @TempDir
    Path tmp;

    @Test
    void mutatedStateDictsFailCleanly() throws IOException {
        for (Path src : new Path[] {Fixtures.MINI_ZIP, Fixtures.MINI_LEGACY}) {
            byte[] good = Files.readAllBytes(src);
            Random rnd = new Random(src.getFileName().toString().hashCode() + SEED);
            int failures = 0;
            for (int trial = 0; trial < 150; trial++) {
                byte[] bad = mutate(good, rnd, trial);
                String stem = src.getFileName() + "_" + trial;
                Path f = tmp.resolve(stem + ".pth");
                Files.write(f, bad);
                Path out = tmp.resolve(stem + ".onnx");
                failures += importFails(() -> VggishImporter.importFile(f, new VggishImporter.Options(out, false)), out, f);
            }
            assertTrue(failures > 10, src + ": only " + failures + " of 150 mutations were refused");
        }
    }

    /**
     * TensorFlow V1 checkpoints: the VGGish fixture through the whole import, a file TensorFlow wrote through
     * the reader. Besides plain mutations, a third of the trials change bytes inside a data block and then
     * recompute that block's CRC32C, so that the damage gets past the checksum into the entries, the
     * protobuf messages and the slices.
     */
    @Test
    void mutatedTensorFlowCheckpointsFailCleanly() throws IOException {
        for (String name : new String[] {"vggish_mini_random.ckpt", "tf_written_v1_small.ckpt"}) {
            Path src = Fixtures.vggishTesting().resolve(name);
            byte[] good = Files.readAllBytes(src);
            List<int[]> blocks = TfCheckpointTables.dataBlocks(good);
            Random rnd = new Random(name.hashCode() + SEED);
            int failures = 0;
            int resealedFailures = 0;
            int trials = 150;
            for (int trial = 0; trial < trials; trial++) {
                boolean reseal = trial % 3 == 2;
                byte[] bad = reseal ? mutateResealed(good, blocks, rnd) : mutate(good, rnd, trial);
                String stem = name + "_" + trial;
                Path f = tmp.resolve(stem + ".ckpt");
                Files.write(f, bad);
                Path out = tmp.resolve(stem + ".onnx");
                int failed = name.startsWith("vggish")
                        ? importFails(() -> VggishImporter.importFile(f, new VggishImporter.Options(out, false)), out, f)
                        : importFails(() -> TfCheckpoint.read(f), out, f);
                failures += failed;
                resealedFailures += reseal ? failed : 0;
            }
            assertTrue(failures > trials / 2, name + ": only " + failures + " of " + trials + " mutations were refused");
            assertTrue(resealedFailures > 5, name + ": only " + resealedFailures + " resealed mutations were refused");
        }
    }

    /** A few bytes changed inside one data block (entry headers and keys more often than values), CRC recomputed. */
    private static byte[] mutateResealed(byte[] good, List<int[]> blocks, Random rnd) {
        byte[] b = good.clone();
        int[] block = blocks.get(rnd.nextInt(blocks.size()));
        int span = rnd.nextBoolean() ? Math.min(block[1], 64) : block[1];
        for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
            b[block[0] + rnd.nextInt(span)] = (byte) rnd.nextInt(256);
        }
        TfCheckpointTables.reseal(b, block[0], block[1]);
        return b;
    }

    @Test
    void mutatedTfliteFilesFailCleanly() throws IOException {
        byte[] good = YamnetImporterTest.logMelModel(false).build();
        Random rnd = new Random(11 + SEED);
        int failures = 0;
        for (int trial = 0; trial < 200; trial++) {
            byte[] bad = mutate(good, rnd, trial);
            Path f = tmp.resolve("m" + trial + ".tflite");
            Files.write(f, bad);
            Path out = tmp.resolve("m" + trial + ".onnx");
            failures += importFails(() -> YamnetImporter.importFile(f, out), out, f);
        }
        assertTrue(failures > 10, "only " + failures + " of 200 mutations were refused");
    }

    /** Truncations, single-byte changes and runs of random bytes, in turn. */
    private static byte[] mutate(byte[] good, Random rnd, int trial) {
        switch (trial % 3) {
            case 0:
                return Arrays.copyOf(good, rnd.nextInt(good.length));
            case 1: {
                byte[] b = good.clone();
                for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                    b[rnd.nextInt(Math.min(b.length, 4096))] = (byte) rnd.nextInt(256);
                }
                return b;
            }
            default: {
                byte[] b = good.clone();
                int at = rnd.nextInt(Math.min(b.length, 3000));
                for (int k = at; k < Math.min(b.length, at + 1 + rnd.nextInt(64)); k++) {
                    b[k] = (byte) rnd.nextInt(256);
                }
                return b;
            }
        }
    }

    private static int importFails(Runnable r, Path out, Path src) {
        try {
            r.run();
            return 0;
        } catch (HarkException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().contains("\n"), "one line: " + e.getMessage());
            assertTrue(!Files.exists(out), "output left behind after: " + e.getMessage());
            return 1;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            fail(src + ": " + e, e);
            return 1;
        }
    }
}
