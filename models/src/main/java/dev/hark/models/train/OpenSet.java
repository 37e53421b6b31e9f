package dev.hark.models.train;

import dev.hark.core.dataset.Clip;
import dev.hark.core.dataset.Dataset;
import dev.hark.core.dataset.DatasetFolder;
import dev.hark.core.dataset.DatasetLayout;
import dev.hark.errors.BadInputException;
import dev.hark.models.head.Rejection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A data set with negatives: the classes a head learns, and clips of none of them, which train its background
 * class and test its rejection. Negatives are labels of the data set given as negatives, and/or every audio file
 * under a directory. The result is a {@link Dataset} whose labels are the classes then {@value Rejection#UNKNOWN},
 * the label index of every negative (each keeps its own label name), so folds, plans and reports work as for any
 * data set. In a folder-per-class data set, the folder {@value DatasetFolder#NEGATIVES} holds negatives (what
 * {@code hark teach --background} and {@code hark feedback --wrong} file there): its clips are negatives unless
 * {@code classes} names it.
 */
public final class OpenSet {
    private OpenSet() {
    }

    /**
     * @param classes the data set's labels to learn, or empty for all but the negative ones
     * @param negativeLabels the data set's labels whose clips are negatives
     * @param negativesDir a directory of negative clips (searched recursively), or null; without folds of its own,
     *                     its clips are dealt over the data set's folds in name order
     */
    public static Dataset of(Dataset ds, List<String> classes, List<String> negativeLabels, Path negativesDir) {
        Set<String> negatives = new LinkedHashSet<>();
        if (ds.layout() == DatasetLayout.FOLDER_PER_CLASS && ds.labels().contains(DatasetFolder.NEGATIVES)
                && !classes.contains(DatasetFolder.NEGATIVES)) {
            negatives.add(DatasetFolder.NEGATIVES);
        }
        for (String n : negativeLabels) {
            if (!ds.labels().contains(n)) {
                throw new BadInputException("--negative-labels: '" + n + "' is not a label of " + ds.root()
                        + " (it has " + shortList(ds.labels()) + ")");
            }
            negatives.add(n);
        }
        List<String> known = new ArrayList<>();
        for (String c : classes.isEmpty() ? ds.labels() : classes) {
            if (!ds.labels().contains(c)) {
                throw new BadInputException("--classes: '" + c + "' is not a label of " + ds.root() + " (it has "
                        + shortList(ds.labels()) + ")");
            }
            if (negatives.contains(c)) {
                if (!classes.isEmpty()) {
                    throw new BadInputException("'" + c + "' is in both --classes and --negative-labels");
                }
                continue;
            }
            if (c.equals(Rejection.UNKNOWN)) {
                throw new BadInputException(ds.root() + ": a class may not be called '" + Rejection.UNKNOWN
                        + "', which is what a head says for none of its classes");
            }
            if (!known.contains(c)) {
                known.add(c);
            }
        }
        if (known.isEmpty()) {
            throw new BadInputException(ds.root() + ": no class left to learn");
        }
        Set<Path> inDataset = new java.util.HashSet<>();
        for (Clip c : ds.clips()) {
            inDataset.add(c.path().toAbsolutePath().normalize());
        }
        // a --negatives directory inside the data set (its negatives folder) adds no clip twice
        List<Path> extra = negativesDir == null ? List.of() : files(negativesDir).stream()
                .filter(p -> !inDataset.contains(p.toAbsolutePath().normalize())).toList();
        boolean open = !negatives.isEmpty() || !extra.isEmpty();
        if (classes.isEmpty() && !open) {
            return ds;
        }
        List<String> labels = new ArrayList<>(known);
        if (open) {
            labels.add(Rejection.UNKNOWN);
        }
        int unknown = known.size();
        List<Clip> clips = new ArrayList<>();
        for (Clip c : ds.clips()) {
            int k = known.indexOf(c.label());
            if (k >= 0) {
                clips.add(new Clip(c.path(), c.label(), k, c.fold()));
            } else if (negatives.contains(c.label())) {
                clips.add(new Clip(c.path(), c.label(), unknown, c.fold()));
            }
        }
        List<Integer> folds = ds.folds();
        for (int i = 0; i < extra.size(); i++) {
            int fold = ds.hasFolds() ? folds.get(i % folds.size()) : 0;
            clips.add(new Clip(extra.get(i), "negative", unknown, fold));
        }
        return Dataset.of(ds.root(), ds.layout(), labels, clips);
    }

    /** The labels a head learns from {@code ds}: all of them but a last {@value Rejection#UNKNOWN}. */
    public static List<String> classes(List<String> labels) {
        return hasNegatives(labels) ? labels.subList(0, labels.size() - 1) : labels;
    }

    /** Whether the last label stands for negatives. */
    public static boolean hasNegatives(List<String> labels) {
        return !labels.isEmpty() && labels.get(labels.size() - 1).equals(Rejection.UNKNOWN);
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("--negatives " + dir + ": no such directory");
        }
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> out = s.filter(Files::isRegularFile).filter(Dataset::isAudioFile).sorted().toList();
            if (out.isEmpty()) {
                throw new BadInputException("--negatives " + dir + ": no audio files (" + String.join(", ",
                        new java.util.TreeSet<>(Dataset.AUDIO_EXTENSIONS)) + ")");
            }
            return out;
        } catch (IOException e) {
            throw new BadInputException("--negatives " + dir + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static String shortList(List<String> l) {
        return l.size() <= 8 ? String.join(", ", l) : String.join(", ", l.subList(0, 8)) + ", ... (" + l.size() + ")";
    }
}
