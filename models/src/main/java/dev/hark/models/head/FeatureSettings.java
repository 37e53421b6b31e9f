package dev.hark.models.head;

import java.util.Objects;

/**
 * Everything that decides what a feature vector means; a bundle trained with one set of settings is refused with
 * any other.
 *
 * @param model model name ({@code yamnet}, {@code vggish}, a user model's file name, or {@code mfcc})
 * @param modelSha256 sha256 of the model file (hex), empty for {@code mfcc}
 * @param frontEnd front-end variant ({@code yamnet}: log offset 0.001, {@code vggish}: 0.01)
 * @param hopFrames patch hop in 10 ms frames (96-frame patches), 0 for {@code mfcc}
 * @param pooling how patches become rows
 * @param dimension length of one patch embedding (before pooling)
 */
public record FeatureSettings(String model, String modelSha256, String frontEnd, int hopFrames, Pooling pooling,
        int dimension) {
    public static final String MFCC = "mfcc";

    public FeatureSettings {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelSha256, "modelSha256");
        Objects.requireNonNull(frontEnd, "frontEnd");
        Objects.requireNonNull(pooling, "pooling");
        if (hopFrames < 0) {
            throw new IllegalArgumentException("hopFrames must be >= 0, got " + hopFrames);
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
    }

    public boolean isMfcc() {
        return MFCC.equals(model);
    }

    /** The same settings with other pooling. */
    public FeatureSettings withPooling(Pooling p) {
        return new FeatureSettings(model, modelSha256, frontEnd, hopFrames, p, dimension);
    }

    /** Width of one training row. */
    public int rowWidth() {
        return pooling.width(dimension);
    }

    /** Human-readable, e.g. {@code yamnet (sha256 3f1c2a..., front end yamnet, hop 0.48 s, pooling mean, 1024 dims)}. */
    public String describe() {
        if (isMfcc()) {
            return "mfcc (20 MFCC + deltas + delta-deltas, mean+std, front end " + frontEnd + ")";
        }
        String sha = modelSha256.length() > 12 ? modelSha256.substring(0, 12) + "..." : modelSha256;
        return model + " (sha256 " + sha + ", front end " + frontEnd + ", hop "
                + String.format(java.util.Locale.ROOT, "%.2f", hopFrames / 100.0) + " s, pooling " + pooling.cliName()
                + ", " + dimension + " dims)";
    }

    /**
     * Why a bundle made with {@code trained} cannot run on features made with {@code this}, or null if it can.
     * Pooling may differ (the head adapts); model, its sha256, front end and dimension may not.
     */
    public String mismatch(FeatureSettings trained) {
        if (!model.equals(trained.model)) {
            return "it was trained on " + trained.model + " features, but the running embedder is " + model;
        }
        if (!modelSha256.equals(trained.modelSha256)) {
            return "it was trained with " + trained.model + " sha256 " + trained.modelSha256
                    + ", but the running model file has sha256 " + modelSha256;
        }
        if (!frontEnd.equals(trained.frontEnd)) {
            return "it was trained with the " + trained.frontEnd + " front end, but the running one is " + frontEnd;
        }
        if (dimension != trained.dimension) {
            return "it expects " + trained.dimension + "-dimensional embeddings, the running embedder gives "
                    + dimension;
        }
        return null;
    }
}
