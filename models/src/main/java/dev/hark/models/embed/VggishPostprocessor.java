package dev.hark.models.embed;

import dev.hark.core.io.NpyArray;
import dev.hark.core.io.Npz;
import dev.hark.errors.HarkException;
import dev.hark.errors.ModelException;
import dev.hark.models.catalog.KnownModel;
import dev.hark.models.catalog.LocatedFile;
import dev.hark.models.catalog.ModelCatalog;
import dev.hark.models.catalog.ModelLocator;
import java.util.Map;

/**
 * VGGish post-processing as Google released the AudioSet embeddings: PCA {@code E (x - mean)} with the
 * parameters of {@code vggish_pca_params.npz}, clip to [-2, 2], quantise {@code (v + 2) * 255 / 4}
 * truncated to 8 bits. Computed in double. Immutable and thread-safe.
 */
public final class VggishPostprocessor {
    public static final String PCA_FILE = "vggish_pca_params.npz";
    public static final double CLIP = 2.0;
    private static final int D = VggishEmbedder.EMBEDDING_SIZE;

    private final double[][] eigenVectors;
    private final double[] means;

    private VggishPostprocessor(double[][] eigenVectors, double[] means) {
        this.eigenVectors = eigenVectors;
        this.means = means;
    }

    /** Google's parameters from the catalogue: the user model directory first, then the copy in the jar. */
    public static VggishPostprocessor load() {
        KnownModel m = ModelCatalog.VGGISH;
        LocatedFile f = ModelLocator.require(m, m.file(PCA_FILE).orElseThrow());
        return fromNpz(f.bytes(), f.location());
    }

    /**
     * Reads {@code pca_eigen_vectors [128,128]} and {@code pca_means [128]} (or {@code [128,1]}) from an npz.
     *
     * @throws ModelException naming {@code location} when the archive lacks them or has other shapes
     */
    public static VggishPostprocessor fromNpz(byte[] npz, String location) {
        Map<String, NpyArray> arrays;
        try {
            arrays = Npz.read(npz, location);
        } catch (HarkException e) {
            throw new ModelException("cannot read VGGish PCA parameters " + location + ": " + e.getMessage(), e);
        }
        NpyArray ev = arrays.get("pca_eigen_vectors");
        NpyArray mu = arrays.get("pca_means");
        if (ev == null || mu == null || ev.size() != D * D || mu.size() != D) {
            throw new ModelException("VGGish PCA parameters " + location + ": expected pca_eigen_vectors [128,128] "
                    + "and pca_means [128], found " + describe(arrays));
        }
        double[] flat = ev.toDoubles();
        double[][] e = new double[D][D];
        for (int i = 0; i < D; i++) {
            System.arraycopy(flat, i * D, e[i], 0, D);
        }
        return new VggishPostprocessor(e, mu.toDoubles());
    }

    private static String describe(Map<String, NpyArray> arrays) {
        StringBuilder sb = new StringBuilder();
        arrays.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(java.util.Arrays.toString(v.shape())));
        return sb.length() == 0 ? "no arrays" : sb.toString();
    }

    /** PCA-whitened embedding {@code E (x - mean)}, before clipping. */
    public double[] pca(float[] embedding) {
        if (embedding.length != D) {
            throw new IllegalArgumentException("a VGGish embedding has " + D + " values, got " + embedding.length);
        }
        double[] centred = new double[D];
        for (int j = 0; j < D; j++) {
            centred[j] = embedding[j] - means[j];
        }
        double[] out = new double[D];
        for (int i = 0; i < D; i++) {
            double s = 0;
            double[] row = eigenVectors[i];
            for (int j = 0; j < D; j++) {
                s += row[j] * centred[j];
            }
            out[i] = s;
        }
        return out;
    }

    /** The released 8-bit form: values 0..255 as unsigned bytes. */
    public byte[] postprocess(float[] embedding) {
        double[] p = pca(embedding);
        byte[] q = new byte[D];
        for (int i = 0; i < D; i++) {
            double c = Math.max(-CLIP, Math.min(CLIP, p[i]));
            q[i] = (byte) (int) ((c + CLIP) * (255.0 / (2 * CLIP)));
        }
        return q;
    }

    /** {@link #postprocess} as floats 0..255 (for float32 feature files). */
    public float[] postprocessToFloats(float[] embedding) {
        byte[] q = postprocess(embedding);
        float[] out = new float[D];
        for (int i = 0; i < D; i++) {
            out[i] = q[i] & 0xff;
        }
        return out;
    }
}
