package dev.hark.importers.vggish;

import dev.hark.errors.ModelException;
import dev.hark.importers.FloatTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The weights of a VGGish network in the PyTorch port's state-dict layout, checked for completeness and
 * consistent shapes. Widths are read from the tensors, so the published file (convolutions 64..512, linear
 * layers 4096, 4096, 128) and reduced test fixtures go through the same code.
 *
 * <p>Layout: six 3x3 convolutions {@code features.{0,3,6,8,11,13}} (padding 1, ReLU), 2x2 max-pools after
 * features 0, 3, 8 and 13, then three linear layers {@code embeddings.{0,2,4}} on the {@code [6,4,C]}-ordered
 * flattened map.
 */
public record VggishWeights(List<FloatTensor> convWeights, List<FloatTensor> convBiases,
        List<FloatTensor> linearWeights, List<FloatTensor> linearBiases) {
    /** State-dict indices of the convolutions and of the linear layers. */
    public static final int[] CONV_INDICES = {0, 3, 6, 8, 11, 13};
    public static final int[] LINEAR_INDICES = {0, 2, 4};
    /** Whether a 2x2 max-pool follows convolution i (after features 0, 3, 8 and 13). */
    static final boolean[] POOL_AFTER = {true, true, false, true, false, true};
    public static final int PATCH_FRAMES = 96;
    /** VGGish's embedding size (what the embedder and Google's PCA parameters expect). */
    public static final int EMBEDDING_SIZE = 128;
    public static final int PATCH_BANDS = 64;
    /** Spatial size of the last feature map: 96x64 halved four times. */
    public static final int FINAL_HEIGHT = 6;
    public static final int FINAL_WIDTH = 4;

    public VggishWeights {
        convWeights = List.copyOf(convWeights);
        convBiases = List.copyOf(convBiases);
        linearWeights = List.copyOf(linearWeights);
        linearBiases = List.copyOf(linearBiases);
    }

    /** The names this importer expects, in layer order. */
    public static List<String> expectedKeys() {
        List<String> k = new ArrayList<>();
        for (int i : CONV_INDICES) {
            k.add("features." + i + ".weight");
            k.add("features." + i + ".bias");
        }
        for (int i : LINEAR_INDICES) {
            k.add("embeddings." + i + ".weight");
            k.add("embeddings." + i + ".bias");
        }
        return k;
    }

    /**
     * Picks and checks the VGGish tensors of a state dict. Missing or unexpected keys and inconsistent shapes
     * raise a {@link ModelException} naming the key; {@code source} names the file in messages.
     */
    public static VggishWeights from(Map<String, FloatTensor> dict, String source) {
        List<String> expected = expectedKeys();
        for (String k : expected) {
            if (!dict.containsKey(k)) {
                throw new ModelException(source + ": missing key '" + k + "': not a VGGish state dict (expected "
                        + "features.{0,3,6,8,11,13}.{weight,bias} and embeddings.{0,2,4}.{weight,bias})");
            }
            float[] d = dict.get(k).data();
            for (int i = 0; i < d.length; i++) {
                if (!Float.isFinite(d[i])) {
                    throw new ModelException(source + ": key '" + k + "' holds " + d[i] + " at index " + i
                            + ": the weights are damaged");
                }
            }
        }
        TreeSet<String> extra = new TreeSet<>(dict.keySet());
        extra.removeAll(expected);
        if (!extra.isEmpty()) {
            throw new ModelException(source + ": unexpected key '" + extra.first() + "'"
                    + (extra.size() > 1 ? " (and " + (extra.size() - 1) + " more)" : "")
                    + ": not a VGGish state dict");
        }
        List<FloatTensor> cw = new ArrayList<>();
        List<FloatTensor> cb = new ArrayList<>();
        int channels = 1;
        for (int i : CONV_INDICES) {
            FloatTensor w = dict.get("features." + i + ".weight");
            FloatTensor b = dict.get("features." + i + ".bias");
            if (w.rank() != 4 || w.dim(1) != channels || w.dim(2) != 3 || w.dim(3) != 3 || w.dim(0) < 1) {
                throw new ModelException(source + ": key '" + w.name() + "' has shape " + w.shapeText()
                        + ", expected [C, " + channels + ", 3, 3]");
            }
            channels = w.dim(0);
            checkBias(source, b, channels);
            cw.add(w);
            cb.add(b);
        }
        int features = channels * FINAL_HEIGHT * FINAL_WIDTH;
        List<FloatTensor> lw = new ArrayList<>();
        List<FloatTensor> lb = new ArrayList<>();
        for (int i : LINEAR_INDICES) {
            FloatTensor w = dict.get("embeddings." + i + ".weight");
            FloatTensor b = dict.get("embeddings." + i + ".bias");
            if (w.rank() != 2 || w.dim(1) != features || w.dim(0) < 1) {
                throw new ModelException(source + ": key '" + w.name() + "' has shape " + w.shapeText()
                        + ", expected [D, " + features + "]"
                        + (i == 0 ? " (" + channels + " channels x 6 x 4 after the last convolution)" : ""));
            }
            features = w.dim(0);
            checkBias(source, b, features);
            lw.add(w);
            lb.add(b);
        }
        if (features != EMBEDDING_SIZE) {
            throw new ModelException(source + ": key 'embeddings.4.weight' has shape " + lw.get(2).shapeText()
                    + ": a VGGish embedding has " + EMBEDDING_SIZE + " values");
        }
        return new VggishWeights(cw, cb, lw, lb);
    }

    private static void checkBias(String source, FloatTensor b, int n) {
        if (b.rank() != 1 || b.dim(0) != n) {
            throw new ModelException(source + ": key '" + b.name() + "' has shape " + b.shapeText() + ", expected [" + n + "]");
        }
    }

    /** Output channels of each convolution. */
    public int[] convWidths() {
        return convWeights.stream().mapToInt(t -> t.dim(0)).toArray();
    }

    /** Output widths of the three linear layers; the last is the embedding size. */
    public int[] linearWidths() {
        return linearWeights.stream().mapToInt(t -> t.dim(0)).toArray();
    }

    public int embeddingSize() {
        return linearWeights.get(2).dim(0);
    }

    public long parameterCount() {
        long n = 0;
        for (List<FloatTensor> l : List.of(convWeights, convBiases, linearWeights, linearBiases)) {
            for (FloatTensor t : l) {
                n += t.data().length;
            }
        }
        return n;
    }

    /** E.g. {@code conv 4,8,16,16,32,32; linear 64,64,128}. */
    public String describe() {
        return "conv " + join(convWidths()) + "; linear " + join(linearWidths());
    }

    private static String join(int[] a) {
        return String.join(",", Arrays.stream(a).mapToObj(Integer::toString).toList());
    }
}
