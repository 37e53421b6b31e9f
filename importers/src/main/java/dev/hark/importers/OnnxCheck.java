package dev.hark.importers;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.errors.ModelException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs an imported graph once in ONNX Runtime, and measures how far two outputs are apart. */
public final class OnnxCheck {
    /** The input every imported graph takes: log-mel patches {@code [N, 96, 64]}. */
    public static final String PATCH_INPUT = "log_mel_patch";

    private OnnxCheck() {
    }

    /**
     * The fixed patch every import is checked on: smooth log-mel-like structure plus seeded noise, values
     * roughly in [-5, 1] like real VGGish log-mel patches.
     */
    public static float[][] verificationPatch() {
        float[][] p = new float[FrontEndParams.PATCH_FRAMES][FrontEndParams.MEL_BANDS];
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

    /**
     * Runs {@code model} on {@code patches} ({@code [N][96][64]}, fed as input {@code log_mel_patch}) and
     * returns every output as {@code [N][D]} by name.
     */
    public static Map<String, float[][]> run(Path model, float[][][] patches) {
        int n = patches.length;
        int h = patches[0].length;
        int w = patches[0][0].length;
        FloatBuffer buf = FloatBuffer.allocate(n * h * w);
        for (float[][] p : patches) {
            for (float[] row : p) {
                buf.put(row);
            }
        }
        buf.flip();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            // a failure is the exception below, in one line; ONNX Runtime must not also log it to the process's stderr
            opts.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            try (OrtSession s = env.createSession(model.toString(), opts);
                    OnnxTensor in = OnnxTensor.createTensor(env, buf, new long[] {n, h, w});
                    OrtSession.Result r = s.run(Map.of(PATCH_INPUT, in))) {
                Map<String, float[][]> out = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> e : r) {
                    Object v = e.getValue().getValue();
                    if (!(v instanceof float[][] m)) {
                        throw new ModelException(model + ": output '" + e.getKey() + "' is not a float [N, D] matrix");
                    }
                    out.put(e.getKey(), m);
                }
                return out;
            }
        } catch (OrtException e) {
            throw new ModelException(model + ": ONNX Runtime cannot run the imported graph: " + e.getMessage(), e);
        }
    }

    /** Normwise relative error: {@code max|a - ref| / max|ref|} over all elements. */
    public static double relativeError(float[][] a, double[][] ref) {
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < ref.length; i++) {
            for (int j = 0; j < ref[i].length; j++) {
                double d = Math.abs(a[i][j] - ref[i][j]);
                if (!(d <= maxDiff)) {
                    maxDiff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
                }
                maxRef = Math.max(maxRef, Math.abs(ref[i][j]));
            }
        }
        return maxRef == 0 ? maxDiff : maxDiff / maxRef;
    }

    /** Largest absolute difference. */
    public static double maxAbsError(float[][] a, double[][] ref) {
        double m = 0;
        for (int i = 0; i < ref.length; i++) {
            for (int j = 0; j < ref[i].length; j++) {
                double d = Math.abs(a[i][j] - ref[i][j]);
                m = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(m, d);
            }
        }
        return m;
    }
}
