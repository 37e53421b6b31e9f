package dev.hark.models.train;

import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import dev.hark.models.head.FeatureSettings;
import dev.hark.models.head.ModelIdentity;
import java.util.Locale;

/** Opens the featurizer a {@code --features} / {@code --model} value names. */
public final class Featurizers {
    private Featurizers() {
    }

    /**
     * @param spec {@code mfcc}, {@code yamnet}, {@code vggish} or the path of an ONNX embedding model
     * @param hopFrames patch hop in frames, 0 for the model's default
     * @param modelThreads ONNX Runtime intra-op threads (0: all cores)
     */
    public static ClipFeaturizer open(String spec, int hopFrames, int modelThreads) {
        if (spec.trim().toLowerCase(Locale.ROOT).equals(FeatureSettings.MFCC)) {
            return new MfccFeaturizer();
        }
        Embedder e = Embedders.open(spec, modelThreads);
        try {
            return new EmbedderFeaturizer(e, ModelIdentity.sha256(spec), hopFrames);
        } catch (RuntimeException ex) {
            e.close();
            throw ex;
        }
    }
}
