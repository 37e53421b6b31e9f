package dev.hark.models.train;

import dev.hark.core.dataset.Clip;

/**
 * The features of one clip: {@code patches[P][D]}, one embedding per 0.96 s patch (for MFCC a single row of 120
 * values), with {@code patchStartSeconds[P]}. Arrays are never written after construction.
 */
public record ClipFeatures(Clip clip, float[][] patches, double[] patchStartSeconds) {
    public ClipFeatures {
        if (patches.length == 0 || patches.length != patchStartSeconds.length) {
            throw new IllegalArgumentException(clip.path() + ": need at least one patch and one start time each");
        }
    }
}
