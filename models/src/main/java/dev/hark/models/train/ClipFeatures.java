package dev.hark.models.train;

import dev.hark.core.dataset.Clip;

/**
 * The features of one clip: {@code patches[P][D]}, one embedding per 0.96 s patch (for MFCC a single row of 120
 * values), with {@code patchStartSeconds[P]} and, when known, {@code patchLevelsDbfs[P]}: each patch's loudest
 * 10 ms frame ({@link PatchLevels}), which tells patches without sound from the others. Arrays are never written
 * after construction.
 */
public record ClipFeatures(Clip clip, float[][] patches, double[] patchStartSeconds, float[] patchLevelsDbfs) {
    public ClipFeatures {
        if (patches.length == 0 || patches.length != patchStartSeconds.length) {
            throw new IllegalArgumentException(clip.path() + ": need at least one patch and one start time each");
        }
        if (patchLevelsDbfs != null && patchLevelsDbfs.length != patches.length) {
            throw new IllegalArgumentException(clip.path() + ": need one level per patch");
        }
    }

    /** Features whose levels are not known (every patch counts as sounding). */
    public ClipFeatures(Clip clip, float[][] patches, double[] patchStartSeconds) {
        this(clip, patches, patchStartSeconds, null);
    }

    /** Whether patch {@code p} has sound: its level is unknown or reaches {@code thresholdDbfs}. */
    public boolean sounding(int p, double thresholdDbfs) {
        return patchLevelsDbfs == null || patchLevelsDbfs[p] >= thresholdDbfs;
    }

    /** The same features with another clip (e.g. another label index). */
    public ClipFeatures withClip(Clip c) {
        return new ClipFeatures(c, patches, patchStartSeconds, patchLevelsDbfs);
    }
}
