package dev.hark.bench.events;

import java.util.List;

/**
 * The result of scoring one scene.
 *
 * @param perTarget one score per target, in the order asked
 * @param overall all targets together (sums of the counts)
 * @param onsets every onset, in time order, with how it was counted
 * @param allOnsets onset lines of any label
 * @param allSounds sounds in the scene, targets and distractors
 */
public record EventScore(List<TargetScore> perTarget, TargetScore overall, List<EventScorer.ScoredOnset> onsets,
        int allOnsets, int allSounds) {
    public EventScore {
        perTarget = List.copyOf(perTarget);
        onsets = List.copyOf(onsets);
    }

    /** Onset lines of any label per sound of the scene (what a person reading the output sees per real sound). */
    public double allOnsetsPerSound() {
        return allSounds == 0 ? Double.NaN : allOnsets / (double) allSounds;
    }
}
