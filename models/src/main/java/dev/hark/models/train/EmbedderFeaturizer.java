package dev.hark.models.train;

import dev.hark.core.frontend.FrontEndParams;
import dev.hark.core.frontend.LogMelPatch;
import dev.hark.core.frontend.PatchStream;
import dev.hark.models.embed.Embedder;
import dev.hark.models.head.FeatureSettings;
import dev.hark.models.head.Pooling;
import java.util.List;

/**
 * Model embeddings of a clip's patches: the patches of the embedder's front end every {@code hopFrames}, made by
 * the same {@link PatchStream} as the live and windowed paths (a clip shorter than 0.96 s is padded with silence
 * to one patch), then {@link Embedder#embed}. Owns the embedder and closes it.
 */
public final class EmbedderFeaturizer implements ClipFeaturizer {
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

    @Override
    public Object prepare(float[] samples16k) {
        List<LogMelPatch> patches = PatchStream.patchesOf(samples16k, embedder.frontEnd(), hopFrames);
        float[][][] out = new float[patches.size()][][];
        for (int i = 0; i < out.length; i++) {
            out[i] = patches.get(i).frames();
        }
        return out;
    }

    @Override
    public int patchCount(Object prepared) {
        return ((float[][][]) prepared).length;
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
