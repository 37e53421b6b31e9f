package dev.hark.live;

import dev.hark.errors.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves the label names a user typed against a classifier's labels: case-insensitive, and names split at
 * their own commas by a comma-separated list ("Vehicle horn, car horn, honking") are joined again.
 */
final class LabelSelection {
    private LabelSelection() {
    }

    static List<String> resolve(List<String> typed, List<String> labels) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < typed.size()) {
            int best = -1;
            String bestLabel = null;
            for (int j = typed.size(); j > i && best < 0; j--) {
                String joined = String.join(", ", typed.subList(i, j));
                String compact = String.join(",", typed.subList(i, j));
                for (String l : labels) {
                    if (l.equalsIgnoreCase(joined) || l.equalsIgnoreCase(compact)) {
                        best = j;
                        bestLabel = l;
                        break;
                    }
                }
            }
            if (best < 0) {
                throw new BadInputException("unknown label '" + typed.get(i) + "'" + suggestion(typed.get(i), labels));
            }
            if (!out.contains(bestLabel)) {
                out.add(bestLabel);
            }
            i = best;
        }
        return out;
    }

    /** Checks that every per-label threshold names a label of the classifier. */
    static void checkThresholds(Map<String, Double> thresholds, List<String> labels) {
        for (String l : thresholds.keySet()) {
            if (!labels.contains(l)) {
                throw new BadInputException("threshold for unknown label '" + l + "'" + suggestion(l, labels));
            }
        }
    }

    static String suggestion(String typed, List<String> labels) {
        String t = typed.toLowerCase(Locale.ROOT);
        List<String> near = labels.stream().filter(l -> l.toLowerCase(Locale.ROOT).contains(t)).limit(5).toList();
        return near.isEmpty() ? " (see what it can detect with 'hark labels')" : " (did you mean: "
                + String.join("; ", near) + "? see 'hark labels')";
    }
}
