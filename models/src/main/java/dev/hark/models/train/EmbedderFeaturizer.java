package dev.hark.models.train;

import dev.hark.core.frontend.FrontEndParams;
import dev.hark.core.frontend.LogMel;
import dev.hark.core.frontend.Patcher;
import dev.hark.models.embed.Embedder;
import dev.hark.models.head.FeatureSettings;
import dev.hark.models.head.Pooling;

/**
 * Model embeddings of a clip's patches: the shared log-mel front end of the embedder's variant, 96-frame patches
 * every {@code hopFrames}, then {@link Embedder#embed}. A clip shorter than one patch (0.96 s) is padded with
 * silence (zeros) to one patch, as YAMNet's reference does. Owns the embedder and closes it.
 */
public final class EmbedderFeaturizer implements ClipFeaturizer {
    /** Samples for exactly one 96-frame patch: 400 + 95 * 160. */
    static final int ONE_PATCH_SAMPLES = FrontEndParams.WINDOW_LENGTH_SAMPLES
            + (FrontEndParams.PATCH_FRAMES - 1) * FrontEndParams.HOP_LENGTH_SAMPLES;

    private final Embedder embedder;
    private final int hopFrames;
    private final FeatureSettings settings;

    /**
     * @param embedder the model (owned from now on)
     * @param modelSha256 sha256 of its model file (see {@link ModelIdentity})
     * @param hopFrames patch hop in frames (0: the model's default, YAMNet 48, VGGish 96)
     */
    public EmbedderFeaturizer(Embedder embedder, String modelSha256, int hopFrames) {
        this.embedder = embedder;
        this.hopFrames = hopFrames <= 0 ? embedder.frontEnd().defaultPatchHopFrames() : hopFrames;
        if (this.hopFrames > FrontEndParams.PATCH_FRAMES) {
            throw new dev.hark.errors.BadInputException("hop: at most " + FrontEndParams.PATCH_FRAMES
                    + " frames, got " + this.hopFrames);
        }
        this.settings = new FeatureSettings(embedder.name(), modelSha256, embedder.frontEnd().cliName(),
                this.hopFrames, Pooling.NONE, embedder.embeddingSize());
    }

    public Embedder embedder() {
        return embedder;
    }

    @Override
    public FeatureSettings settings() {
        return settings;
    }

    static float[] padToOnePatch(float[] samples) {
        return samples.length >= ONE_PATCH_SAMPLES ? samples : java.util.Arrays.copyOf(samples, ONE_PATCH_SAMPLES);
    }

    @Override
    public Object prepare(float[] samples16k) {
        float[][] frames = LogMel.logMel(padToOnePatch(samples16k), embedder.frontEnd());
        return Patcher.patches(frames, hopFrames);
    }

    @Override
    public float[][] finish(Object prepared) {
        return embedder.embed((float[][][]) prepared).embeddings();
    }

    @Override
    public double patchStartSeconds(int p) {
        return p * hopFrames * FrontEndParams.FRAME_HOP_SECONDS;
    }

    @Override
    public void close() {
        embedder.close();
    }
}
