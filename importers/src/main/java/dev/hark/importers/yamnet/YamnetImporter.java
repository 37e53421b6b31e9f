package dev.hark.importers.yamnet;

import ai.onnx.proto.OnnxMl;
import dev.hark.core.io.AtomicFile;
import dev.hark.errors.BadInputException;
import dev.hark.errors.ModelException;
import dev.hark.importers.ModelOutput;
import dev.hark.importers.OneLine;
import dev.hark.importers.OnnxCheck;
import dev.hark.importers.Provenance;
import dev.hark.importers.tflite.TfliteFile;
import dev.hark.importers.tflite.TfliteNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tensorflow.lite.schema.BuiltinOperator;

/**
 * {@code import-yamnet}: reads a YAMNet TFLite file, maps its network (from the 96x64 log-mel patch to the
 * class scores and the embedding) to ONNX, writes it atomically and keeps it only if ONNX Runtime agrees with
 * {@link TfliteReference} on a fixed patch to within {@link #TOLERANCE}.
 */
public final class YamnetImporter {
    public static final String IMPORTER_VERSION = "1";
    public static final double TOLERANCE = 1e-4;
    /** What Hark's YAMNet front end adds to the mel energies before the logarithm. */
    public static final double HARK_LOG_OFFSET = 0.001;

    /** What was done. {@code droppedFrontEnd} is empty for log-mel-input files. */
    public record Result(Path output, String sourceSha256, String fileInput, Set<String> droppedFrontEnd,
            double frontEndLogOffset,
            Map<String, Integer> operators, long parameters, int classes, int embeddingSize, long outputBytes,
            double scoresError, double embeddingError, long readMillis, long writeMillis, long verifyMillis) {
    }

    private YamnetImporter() {
    }

    /** Imports with the exact quantisation scales. */
    public static Result importFile(Path tflite, Path output) {
        return importFile(tflite, output, -1);
    }

    /**
     * Imports {@code tflite} into {@code output}; {@code scaleDecimals} >= 0 rounds quantisation scales to that many
     * decimals first (see {@link TfliteFile#read(Path, int)}), -1 keeps them exact.
     */
    public static Result importFile(Path tflite, Path output, int scaleDecimals) {
        return OneLine.guard(() -> doImport(tflite, output, scaleDecimals));
    }

    private static Result doImport(Path tflite, Path output, int scaleDecimals) {
        Path out = output.toAbsolutePath().normalize();
        if (out.equals(tflite.toAbsolutePath().normalize())) {
            throw new BadInputException(out + ": the output would overwrite the TFLite file");
        }
        long t0 = System.nanoTime();
        TfliteFile f = TfliteFile.read(tflite, scaleDecimals);
        String sha = Provenance.sha256(tflite);
        try {
            return convert(tflite, out, f, sha, scaleDecimals, t0);
        } catch (RuntimeException e) {
            throw TfliteFile.corrupt(tflite, e);
        }
    }

    private static Result convert(Path tflite, Path out, TfliteFile f, String sha, int scaleDecimals, long t0) {
        TfliteNetwork net = TfliteNetwork.analyse(f);
        long t1 = System.nanoTime();

        Map<String, Integer> counts = new TreeMap<>();
        long params = 0;
        for (TfliteFile.Op op : net.ops) {
            if (op.code() == BuiltinOperator.DEQUANTIZE) {
                continue;
            }
            counts.merge(op.name(), 1, Integer::sum);
            for (int k = 1; k < op.inputs().length; k++) {
                int t = op.inputs()[k];
                if (t >= 0 && op.code() != BuiltinOperator.MEAN && op.code() != BuiltinOperator.RESHAPE) {
                    params += f.tensor(t).elements();
                }
            }
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("hark.model", "yamnet");
        meta.put("hark.source.file", tflite.getFileName().toString());
        meta.put("hark.source.sha256", sha);
        meta.put("hark.importer", "hark models import-yamnet");
        meta.put("hark.importer.version", IMPORTER_VERSION);
        meta.put("hark.source.input", net.fileInput.describe());
        meta.put("hark.front_end_dropped", String.join(",", net.droppedFrontEnd));
        meta.put("hark.scale_decimals", scaleDecimals < 0 ? "exact" : Integer.toString(scaleDecimals));
        OnnxMl.ModelProto model = YamnetOnnx.build(net, Provenance.producerVersion(), meta);

        try (AtomicFile file = ModelOutput.write(model, out)) {
            long t2 = System.nanoTime();
            float[][] patch = OnnxCheck.verificationPatch();
            double[][] ref = new TfliteReference(net).run(patch);
            Map<String, float[][]> got = OnnxCheck.run(file.temp(), new float[][][] {patch});
            float[][] scores = got.get(YamnetOnnx.SCORES);
            float[][] emb = got.get(YamnetOnnx.EMBEDDING);
            if (scores == null || emb == null || scores[0].length != ref[0].length || emb[0].length != ref[1].length) {
                throw new ModelException(tflite + ": the graph imported into " + out + " does not have the expected "
                        + "output sizes; nothing written");
            }
            double es = OnnxCheck.relativeError(scores, new double[][] {ref[0]});
            double ee = OnnxCheck.relativeError(emb, new double[][] {ref[1]});
            if (!(es <= TOLERANCE) || !(ee <= TOLERANCE)) {
                throw new ModelException(tflite + ": verification failed: ONNX Runtime and the reference forward pass"
                        + String.format(" differ by %.3g (scores) and %.3g (embedding), relative; tolerance ", es, ee)
                        + TOLERANCE + (Double.isFinite(es) && Double.isFinite(ee) ? ""
                                : ": the weights overflow to infinite or NaN values") + "; nothing written to " + out);
            }
            long bytes = Files.size(file.temp());
            file.commit();
            long t3 = System.nanoTime();
            return new Result(out, sha, net.fileInput.describe(), net.droppedFrontEnd, net.frontEndLogOffset, counts, params, net.classes(),
                    net.embeddingSize(), bytes, es, ee, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (t3 - t2) / 1_000_000);
        } catch (IOException e) {
            throw new BadInputException(out + ": cannot write: " + e.getMessage(), e);
        }
    }
}
