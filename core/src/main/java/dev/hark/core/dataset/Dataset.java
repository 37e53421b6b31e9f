package dev.hark.core.dataset;

import dev.hark.errors.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A labelled audio data set, recognised by the layout of its directory (see {@link DatasetLayout}).
 * Immutable: {@link #clips()} and {@link #labels()} are unmodifiable. The scan only reads the metadata and
 * lists files; whether each clip decodes is found out (and reported) by whoever reads the audio.
 */
public final class Dataset {
    /** File extensions taken as audio in folder-per-class data sets (lower case, without the dot). */
    public static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "ogg", "flac", "mp3", "aiff", "aif", "aifc", "au", "snd",
            "m4a", "aac", "opus");

    private final Path root;
    private final DatasetLayout layout;
    private final List<String> labels;
    private final List<Clip> clips;

    private Dataset(Path root, DatasetLayout layout, List<String> labels, List<Clip> clips) {
        this.root = root;
        this.layout = layout;
        this.labels = List.copyOf(labels);
        this.clips = List.copyOf(clips);
    }

    /** Scans {@code dir}; a directory matching no known layout is a {@link BadInputException} saying what was expected. */
    public static Dataset open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("data set " + dir + ": not a directory");
        }
        for (MetadataLayout m : List.of(MetadataLayout.ESC50, MetadataLayout.URBANSOUND8K)) {
            if (m.matches(dir)) {
                return m.read(dir);
            }
        }
        return FolderLayout.read(dir);
    }

    /** Builds a data set from clips already in memory (labels in the given order); used by tests and tools. */
    public static Dataset of(Path root, DatasetLayout layout, List<String> labels, List<Clip> clips) {
        return new Dataset(root, layout, labels, clips);
    }

    public Path root() {
        return root;
    }

    public DatasetLayout layout() {
        return layout;
    }

    /** Label names; a clip's {@link Clip#labelIndex()} indexes this list. */
    public List<String> labels() {
        return labels;
    }

    public List<Clip> clips() {
        return clips;
    }

    /** Whether the data set brings its own folds (ESC-50, UrbanSound8K). */
    public boolean hasFolds() {
        return !clips.isEmpty() && clips.stream().allMatch(c -> c.fold() > 0);
    }

    /** The distinct folds present, ascending (empty when the data set has none). */
    public List<Integer> folds() {
        TreeSet<Integer> s = new TreeSet<>();
        for (Clip c : clips) {
            if (c.fold() > 0) {
                s.add(c.fold());
            }
        }
        return List.copyOf(s);
    }

    /**
     * This data set with its clips assigned to {@code k} stratified folds (1..k): every label's clips are shuffled
     * with {@code seed} and dealt round-robin, continuing the deal across labels, so fold sizes differ by at
     * most one and every label is spread as evenly as possible. The same seed always gives the same folds.
     */
    public Dataset withStratifiedFolds(int k, long seed) {
        if (k < 2) {
            throw new BadInputException("folds: need at least 2, got " + k);
        }
        Map<Integer, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < clips.size(); i++) {
            byLabel.computeIfAbsent(clips.get(i).labelIndex(), x -> new ArrayList<>()).add(i);
        }
        int[] fold = new int[clips.size()];
        Random random = new Random(seed);
        int deal = 0;
        for (List<Integer> members : byLabel.values()) {
            Collections.shuffle(members, random);
            for (int i : members) {
                fold[i] = deal % k + 1;
                deal++;
            }
        }
        List<Clip> out = new ArrayList<>(clips.size());
        for (int i = 0; i < clips.size(); i++) {
            Clip c = clips.get(i);
            out.add(new Clip(c.path(), c.label(), c.labelIndex(), fold[i]));
        }
        return new Dataset(root, layout, labels, out);
    }

    /** The clips whose fold is in {@code folds}. */
    public List<Clip> clipsInFolds(Collection<Integer> folds) {
        return clips.stream().filter(c -> folds.contains(c.fold())).toList();
    }

    @Override
    public String toString() {
        return layout.displayName() + " data set " + root + ": " + clips.size() + " clips, " + labels.size()
                + " labels" + (hasFolds() ? ", folds " + folds() : "");
    }

    /** Whether the file name ends in one of {@link #AUDIO_EXTENSIONS}. */
    public static boolean isAudioFile(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && AUDIO_EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    static void requireDirectory(Path dir, Path sub, String expected) {
        if (!Files.isDirectory(sub)) {
            throw new BadInputException("data set " + dir + ": " + sub.getFileName() + "/ missing; expected " + expected);
        }
    }

    /** Each label's index in {@code labels}. */
    static Map<String, Integer> indexOf(List<String> labels) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            if (m.putIfAbsent(labels.get(i), i) != null) {
                throw new BadInputException("label '" + labels.get(i) + "' has two different numeric ids");
            }
        }
        return m;
    }
}
