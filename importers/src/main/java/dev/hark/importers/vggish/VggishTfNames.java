package dev.hark.importers.vggish;

import dev.hark.errors.ModelException;
import dev.hark.importers.FloatTensor;
import dev.hark.importers.tfcheckpoint.TfCheckpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Google's VGGish variable names and layouts ({@code vggish_slim.py}) mapped onto the state-dict layout that
 * {@link VggishWeights} checks: convolutions {@code vggish/conv1/weights} ... {@code vggish/conv4/conv4_2/weights}
 * are HWIO ({@code [3,3,in,out]}) and become OIHW; the linear layers {@code vggish/fc1/fc1_1}, {@code fc1/fc1_2}
 * and {@code fc2} are {@code [in,out]} and become {@code [out,in]}. The first linear layer's inputs are already in
 * NHWC flatten order ({@code [6,4,C]}), the order the graph flattens in, so nothing else moves. Variables outside
 * the {@code vggish/} scope (a {@code global_step}, say) are left out; unknown ones inside it are refused.
 */
final class VggishTfNames {
    /** Google's scopes of the six convolutions and the three linear layers, in layer order. */
    static final List<String> CONV_SCOPES = List.of("vggish/conv1", "vggish/conv2", "vggish/conv3/conv3_1",
            "vggish/conv3/conv3_2", "vggish/conv4/conv4_1", "vggish/conv4/conv4_2");
    static final List<String> LINEAR_SCOPES = List.of("vggish/fc1/fc1_1", "vggish/fc1/fc1_2", "vggish/fc2");
    static final String SCOPE = "vggish/";

    private VggishTfNames() {
    }

    static VggishWeights from(Map<String, TfCheckpoint.Variable> vars, String source) {
        Map<String, String> port = new LinkedHashMap<>();
        for (int i = 0; i < CONV_SCOPES.size(); i++) {
            port.put(CONV_SCOPES.get(i) + "/weights", "features." + VggishWeights.CONV_INDICES[i] + ".weight");
            port.put(CONV_SCOPES.get(i) + "/biases", "features." + VggishWeights.CONV_INDICES[i] + ".bias");
        }
        for (int i = 0; i < LINEAR_SCOPES.size(); i++) {
            port.put(LINEAR_SCOPES.get(i) + "/weights", "embeddings." + VggishWeights.LINEAR_INDICES[i] + ".weight");
            port.put(LINEAR_SCOPES.get(i) + "/biases", "embeddings." + VggishWeights.LINEAR_INDICES[i] + ".bias");
        }
        TreeSet<String> unknown = new TreeSet<>();
        for (String n : vars.keySet()) {
            if (n.startsWith(SCOPE) && !port.containsKey(n)) {
                unknown.add(n);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ModelException(source + ": unexpected variable '" + unknown.first() + "'"
                    + (unknown.size() > 1 ? " (and " + (unknown.size() - 1) + " more)" : "")
                    + ": not Google's VGGish (vggish/conv1 ... vggish/fc2, weights and biases)");
        }
        Map<String, FloatTensor> dict = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : port.entrySet()) {
            String tf = e.getKey();
            TfCheckpoint.Variable v = vars.get(tf);
            if (v == null) {
                throw new ModelException(source + ": missing variable '" + tf + "': not Google's VGGish checkpoint"
                        + " (expected vggish/conv1 ... vggish/fc2, weights and biases)");
            }
            if (v.values() == null) {
                throw new ModelException(source + ": variable '" + tf + "' holds " + v.dtype() + ", not float weights");
            }
            dict.put(e.getValue(), toPortLayout(source, v));
        }
        return VggishWeights.from(dict, source);
    }

    /** HWIO -> OIHW for convolution kernels, [in,out] -> [out,in] for linear weights; biases as they are. */
    private static FloatTensor toPortLayout(String source, TfCheckpoint.Variable v) {
        int[] s = v.shape();
        float[] d = v.values();
        if (v.name().endsWith("/biases")) {
            return new FloatTensor(v.name(), s, d);
        }
        boolean conv = v.name().startsWith("vggish/conv");
        if (conv) {
            if (s.length != 4 || s[0] != 3 || s[1] != 3) {
                throw new ModelException(source + ": variable '" + v.name() + "' has shape " + v.shapeText()
                        + ", expected [3, 3, in, out] (HWIO)");
            }
            int kh = s[0];
            int kw = s[1];
            int in = s[2];
            int out = s[3];
            float[] r = new float[d.length];
            for (int h = 0; h < kh; h++) {
                for (int w = 0; w < kw; w++) {
                    for (int i = 0; i < in; i++) {
                        for (int o = 0; o < out; o++) {
                            r[((o * in + i) * kh + h) * kw + w] = d[((h * kw + w) * in + i) * out + o];
                        }
                    }
                }
            }
            return new FloatTensor(v.name(), new int[] {out, in, kh, kw}, r);
        }
        if (s.length != 2) {
            throw new ModelException(source + ": variable '" + v.name() + "' has shape " + v.shapeText()
                    + ", expected [in, out]");
        }
        int in = s[0];
        int out = s[1];
        float[] r = new float[d.length];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                r[o * in + i] = d[i * out + o];
            }
        }
        return new FloatTensor(v.name(), new int[] {out, in}, r);
    }
}
