package dev.hark.models.train;

import dev.hark.core.features.Mfcc;
import dev.hark.core.frontend.FrontEndVariant;
import dev.hark.core.frontend.LogMel;
import dev.hark.core.frontend.PatchStream;
import dev.hark.models.catalog.Sha256;
import dev.hark.models.head.FeatureSettings;
import dev.hark.models.head.Pooling;

/**
 * The MFCC baseline ({@link Mfcc}): one 120-value row per clip from the shared YAMNet-variant log-mel frames.
 * Settings: model {@code mfcc}, pooling {@code mean} over that single row (the identity).
 */
public final class MfccFeaturizer implements ClipFeaturizer {
    /** Bumped when the MFCC definition changes, so cached rows of an older definition are not reused. */
    static final String VERSION = "mfcc-v1-dct2ortho-c0..19-d2-meanstd";

    private final FeatureSettings settings = new FeatureSettings(FeatureSettings.MFCC,
            Sha256.of(VERSION.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            FrontEndVariant.YAMNET.cliName(), 0, Pooling.NONE, Mfcc.CLIP_VECTOR_LENGTH);

    @Override
    public FeatureSettings settings() {
        return settings;
    }

    @Override
    public Object prepare(float[] samples16k) {
        float[][] frames = LogMel.logMel(PatchStream.padToOnePatch(samples16k), FrontEndVariant.YAMNET);
        return new float[][] {Mfcc.clipVector(frames)};
    }

    @Override
    public int patchCount(Object prepared) {
        return 1;
    }

    @Override
    public float[][] finish(Object prepared) {
        return (float[][]) prepared;
    }

    @Override
    public double patchStartSeconds(int p) {
        return 0;
    }

    @Override
    public void close() {
    }
}
