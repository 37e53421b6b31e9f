package dev.hark.bench.events;

import dev.hark.errors.BadInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which target an event's label stands for. By default (concept names) an event matches target {@code T} when its
 * label is {@code T}, or the data-set category {@code T} was drawn from (a head trained on the data set names its
 * classes so); {@code --match audioset} adds {@link BenchTargets#AUDIOSET_LABELS}, and {@code --label-map} any
 * labels a user names. Every other label matches no target.
 */
public final class LabelMatcher {
    private final Map<String, String> labelToTarget = new HashMap<>();

    /**
     * @param categories target -> the data-set category its sounds come from
     * @param extraLabels target -> further labels that stand for it (may be empty)
     * @throws BadInputException when one label would stand for two targets
     */
    public LabelMatcher(Map<String, String> categories, Map<String, List<String>> extraLabels) {
        categories.forEach((target, category) -> {
            put(target, target);
            put(category, target);
        });
        extraLabels.forEach((target, labels) -> labels.forEach(l -> put(l, target)));
    }

    private void put(String label, String target) {
        String before = labelToTarget.putIfAbsent(label, target);
        if (before != null && !before.equals(target)) {
            throw new BadInputException("label '" + label + "' would stand for two targets, " + before + " and "
                    + target);
        }
    }

    /** The target {@code label} stands for, or null. */
    public String target(String label) {
        return labelToTarget.get(label);
    }
}
