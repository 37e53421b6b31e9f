package dev.hark.spark;

import dev.hark.models.head.FeatureSettings;
import dev.hark.models.head.Pooling;
import java.io.Serializable;

/**
 * What the rows of one embedding run mean, as the table stores it with every row: model name and sha256, front
 * end, patch hop in frames and pooling ({@code none}, {@code mean}, {@code mean+std}).
 */
public record TableSettings(String model, String modelSha256, String frontEnd, int hopFrames, String pooling,
        int dimension) implements Serializable {
    /** The settings of a featurizer's features pooled with {@code pooling}. */
    static TableSettings of(FeatureSettings f, Pooling pooling) {
        return new TableSettings(f.model(), f.modelSha256(), f.frontEnd(), f.hopFrames(), pooling.cliName(),
                f.dimension());
    }

    /** As Hark's feature settings (the patch dimension, not the row width). */
    FeatureSettings features() {
        return new FeatureSettings(model, modelSha256, frontEnd, hopFrames, Pooling.parse(pooling), dimension);
    }
}
