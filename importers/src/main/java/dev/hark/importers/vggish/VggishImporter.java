package dev.hark.importers.vggish;

import ai.onnx.proto.OnnxMl;
import dev.hark.core.io.AtomicFile;
import dev.hark.errors.BadInputException;
import dev.hark.errors.ModelException;
import dev.hark.importers.ModelOutput;
import dev.hark.importers.OneLine;
import dev.hark.importers.OnnxCheck;
import dev.hark.importers.Provenance;
import dev.hark.importers.tfcheckpoint.TfCheckpoint;
import dev.hark.importers.torch.TorchStateDict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code import-vggish}: reads VGGish weights (a PyTorch state dict, or Google's TensorFlow V1 checkpoint
 * {@code vggish_model.ckpt}), builds the ONNX graph, writes it atomically, and
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

    /**
     * What was done, with the figures a user (and a test) wants to see; {@code sourceFormat} describes the file read
     * (e.g. {@code zip archive, PyTorch >= 1.6} or {@code TensorFlow V1 checkpoint, 19 variables}).
     */
    public record Result(Path output, String sourceFormat, String sourceSha256, VggishWeights weights,
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
        String sha = Provenance.sha256(weightsFile);
        String format;
        VggishWeights w;
        String source = weightsFile.getFileName().toString();
        if (TfCheckpoint.looksLikeCheckpoint(weightsFile)) {
            Map<String, TfCheckpoint.Variable> vars = TfCheckpoint.read(weightsFile);
            w = VggishTfNames.from(vars, source);
            format = "TensorFlow V1 checkpoint, " + vars.size() + " variables";
        } else {
            TorchStateDict.Contents contents = TorchStateDict.read(weightsFile);
            w = VggishWeights.from(contents.tensors(), source);
            format = contents.format().description();
        }
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
        OnnxMl.ModelProto model = VggishOnnx.build(w, options.finalRelu(), Provenance.producerVersion(), meta);

        try (AtomicFile file = ModelOutput.write(model, out)) {
            model = null; // let the protobuf copy of the weights go before ONNX Runtime loads the file
            long t2 = System.nanoTime();
            float[][] patch = OnnxCheck.verificationPatch();
            double[] ref = new VggishReference(w, options.finalRelu()).embed(patch);
            float[][] got = OnnxCheck.run(file.temp(), new float[][][] {patch}).get(VggishOnnx.OUTPUT);
            if (got == null || got.length != 1 || got[0].length != ref.length) {
                throw new ModelException(weightsFile + ": the graph imported into " + out + " does not produce an "
                        + "embedding of " + ref.length + " values; nothing written");
            }
            double rel = OnnxCheck.relativeError(got, new double[][] {ref});
            double abs = OnnxCheck.maxAbsError(got, new double[][] {ref});
            if (!(rel <= tolerance)) {
                // named by the weights file, the user's input (the output is a temporary file, never written)
                throw new ModelException(weightsFile + ": verification failed: ONNX Runtime and the reference forward"
                        + " pass differ by " + String.format("%.3g", rel) + " (relative; tolerance " + tolerance + ")"
                        + (Double.isFinite(rel) ? "" : ": the weights overflow to infinite or NaN values")
                        + "; nothing written to " + out);
            }
            long bytes = Files.size(file.temp());
            file.commit();
            long t3 = System.nanoTime();
            return new Result(out, format, sha, w, bytes, rel, abs, (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        } catch (IOException e) {
            throw new BadInputException(out + ": cannot write: " + e.getMessage(), e);
        }
    }

}
