package dev.hark.models.train;

import dev.hark.core.dataset.Dataset;
import dev.hark.errors.BadInputException;
import java.util.ArrayList;
import java.util.List;

/** Fold numbers as users write them ({@code 1,2,3} or {@code 1-3}), checked against a data set. */
public final class Folds {
    private Folds() {
    }

    /**
     * Parses {@code "1,2,3"}, {@code "1-3"} or a mix into fold numbers.
     *
     * @param option the option named in errors, e.g. {@code --train-folds}
     */
    public static List<Integer> parse(String spec, String option) {
        List<Integer> out = new ArrayList<>();
        try {
            for (String part : spec.split(",")) {
                String t = part.strip();
                int dash = t.indexOf('-');
                if (dash > 0) {
                    int a = Integer.parseInt(t.substring(0, dash).strip());
                    int b = Integer.parseInt(t.substring(dash + 1).strip());
                    for (int i = a; i <= b; i++) {
                        out.add(i);
                    }
                } else {
                    out.add(Integer.parseInt(t));
                }
            }
        } catch (NumberFormatException e) {
            throw new BadInputException(option + " " + spec + ": expected fold numbers like 1,2,3 or 1-3");
        }
        if (out.isEmpty() || out.stream().anyMatch(i -> i < 1)) {
            throw new BadInputException(option + " " + spec + ": expected fold numbers >= 1");
        }
        return List.copyOf(out);
    }

    /** Parses {@code spec} and checks that every fold is one of {@code ds}'s own. */
    public static List<Integer> parseIn(Dataset ds, String spec, String option) {
        if (!ds.hasFolds()) {
            throw new BadInputException(option + " " + spec + ": " + ds.root() + " has no folds of its own");
        }
        List<Integer> f = parse(spec, option);
        for (int x : f) {
            if (!ds.folds().contains(x)) {
                throw new BadInputException(option + ": fold " + x + " is not in the data set (folds " + ds.folds()
                        + ")");
            }
        }
        return f;
    }
}
