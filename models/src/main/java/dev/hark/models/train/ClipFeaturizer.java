package dev.hark.models.train;

import dev.hark.models.head.FeatureSettings;
/**
 * Turns a clip's 16 kHz samples into patch features in two steps: {@link #prepare} (front end; thread-safe, run
 * by decode workers) and {@link #finish} (the model; run only by the thread that owns the featurizer).
 */
public interface ClipFeaturizer extends AutoCloseable {
    /** What the features mean (pooling {@link Pooling#NONE}: one row per patch). */
    FeatureSettings settings();

    /** Front-end work on 16 kHz mono samples (not modified); thread-safe. */
    Object prepare(float[] samples16k);

    /** Model work on what {@link #prepare} returned: features {@code [P][D]}, P >= 1. */
    float[][] finish(Object prepared);

    /** How many patches {@link #finish} will make of {@code prepared}, or -1 when not known before. */
    default int patchCount(Object prepared) {
        return -1;
    }

    /** Start time in seconds of patch {@code p}. */
    double patchStartSeconds(int p);

    /** Releases the model, if any; idempotent. */
    @Override
    void close();
}
