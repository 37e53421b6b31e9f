package dev.hark.importers;

import ai.onnx.proto.OnnxMl;
import dev.hark.core.io.AtomicFile;
import dev.hark.errors.BadInputException;
import dev.hark.errors.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code import-vggish}: reads a VGGish PyTorch state dict, builds the ONNX graph, writes it atomically, and
 * keeps it only if ONNX Runtime's output on a fixed patch agrees with {@link VggishReference} to within
 * {@link #TOLERANCE} (normwise relative error).
 */
public final class VggishImporter {
    /** Version of this importer's graph layout, recorded in every model it writes. */
    public static final String IMPORTER_VERSION = "1";
    public static final double TOLERANCE = 1e-4;

    /** Metadata keys written into the model (readable with ONNX Runtime's {@code OrtSession.getMetadata()}). */
    public static final String META_MODEL = "hark.model";
    public static final String META_SOURCE_FILE = "hark.source.file";
    public static final String META_SOURCE_SHA256 = "hark.source.sha256";
    public static final String META_IMPORTER = "hark.importer";
    public static final String META_IMPORTER_VERSION = "hark.importer.version";
    public static final String META_FINAL_RELU = "hark.final_relu";
    public static final String META_EMBEDDING_SIZE = "hark.embedding_size";

    /** What to do: the output path and whether to add the PyTorch port's final ReLU. */
    public record Options(Path output, boolean finalRelu) {
    }

    /** What was done, with the figures a user (and a test) wants to see. */
    public record Result(Path output, TorchStateDict.Format format, String sourceSha256, VggishWeights weights,
            long outputBytes, double relativeError, double maxAbsError, long readMillis, long writeMillis,
            long verifyMillis) {
    }

    private VggishImporter() {
    }

    public static Result importFile(Path weightsFile, Options options) {
        return OneLine.guard(() -> doImport(weightsFile, options, TOLERANCE));
    }

    /** As {@link #importFile(Path, Options)} with another verification tolerance (tests of the refusal path). */
    static Result importFile(Path weightsFile, Options options, double tolerance) {
        return OneLine.guard(() -> doImport(weightsFile, options, tolerance));
    }

    private static Result doImport(Path weightsFile, Options options, double tolerance) {
        Path out = options.output().toAbsolutePath().normalize();
        if (out.equals(weightsFile.toAbsolutePath().normalize())) {
            throw new BadInputException(out + ": the output would overwrite the weights file");
        }
        long t0 = System.nanoTime();
        String sha = sha256(weightsFile);
        TorchStateDict.Contents contents = TorchStateDict.read(weightsFile);
        VggishWeights w = VggishWeights.from(contents.tensors(), weightsFile.getFileName().toString());
        long t1 = System.nanoTime();

        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(META_MODEL, "vggish");
        meta.put(META_SOURCE_FILE, weightsFile.getFileName().toString());
        meta.put(META_SOURCE_SHA256, sha);
        meta.put(META_IMPORTER, "hark models import-vggish");
        meta.put(META_IMPORTER_VERSION, IMPORTER_VERSION);
        meta.put(META_FINAL_RELU, Boolean.toString(options.finalRelu()));
        meta.put(META_EMBEDDING_SIZE, Integer.toString(w.embeddingSize()));
        meta.put("hark.widths", w.describe());
        OnnxMl.ModelProto model = VggishOnnx.build(w, options.finalRelu(), producerVersion(), meta);

        try (AtomicFile file = ModelOutput.write(model, out)) {
            model = null; // let the protobuf copy of the weights go before ONNX Runtime loads the file
            long t2 = System.nanoTime();
            float[][] patch = verificationPatch();
            double[] ref = new VggishReference(w, options.finalRelu()).embed(patch);
            float[][] got = OnnxCheck.run(file.temp(), new float[][][] {patch}).get(VggishOnnx.OUTPUT);
            if (got == null || got.length != 1 || got[0].length != ref.length) {
                throw new ModelException(out + ": the imported graph does not produce an embedding of " + ref.length
                        + " values; nothing written");
            }
            double rel = OnnxCheck.relativeError(got, new double[][] {ref});
            double abs = OnnxCheck.maxAbsError(got, new double[][] {ref});
            if (!(rel <= tolerance)) {
                throw new ModelException(out + ": verification failed: ONNX Runtime and the reference forward pass"
                        + " differ by " + String.format("%.3g", rel) + " (relative; tolerance " + tolerance
                        + "); nothing written");
            }
            long bytes = Files.size(file.temp());
            file.commit();
            long t3 = System.nanoTime();
            return new Result(out, contents.format(), sha, w, bytes, rel, abs, (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        } catch (IOException e) {
            throw new BadInputException(out + ": cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * The fixed patch every import is checked on: smooth log-mel-like structure plus seeded noise, values
     * roughly in [-5, 1] like real VGGish log-mel patches.
     */
    public static float[][] verificationPatch() {
        float[][] p = new float[VggishWeights.PATCH_FRAMES][VggishWeights.PATCH_BANDS];
        long s = 0x2545F4914F6CDD1DL;
        for (int t = 0; t < p.length; t++) {
            for (int f = 0; f < p[t].length; f++) {
                s = s * 6364136223846793005L + 1442695040888963407L;
                double noise = ((s >>> 11) * 0x1p-53) - 0.5;
                p[t][f] = (float) (-2.0 + 1.5 * Math.sin(2 * Math.PI * t / 24.0 + f / 9.0) + 0.8 * Math.cos(0.37 * f)
                        + noise);
            }
        }
        return p;
    }

    /** Hex sha256 of a file. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    static String producerVersion() {
        String v = VggishImporter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
