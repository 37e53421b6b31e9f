package dev.hark.core.dataset;

import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import java.util.stream.Stream;

/**
 * A labelled audio data set, recognised by the layout of its directory (see {@link DatasetLayout}).
 * Immutable: {@link #clips()} and {@link #labels()} are unmodifiable. The scan only reads the metadata and
 * lists files; whether each clip decodes is found out (and reported) by whoever reads the audio.
 */
public final class Dataset {
    /** File extensions taken as audio in folder-per-class data sets (lower case, without the dot). */
    public static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "ogg", "flac", "mp3", "aiff", "aif", "au");

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
        if (Files.exists(dir.resolve("meta").resolve("esc50.csv"))) {
            return esc50(dir);
        }
        if (Files.exists(dir.resolve("metadata").resolve("UrbanSound8K.csv"))) {
            return urbanSound8k(dir);
        }
        return folderPerClass(dir);
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

    // ---- layouts ----

    private static Dataset esc50(Path dir) {
        Path csv = dir.resolve("meta").resolve("esc50.csv");
        Path audio = dir.resolve("audio");
        requireDirectory(dir, audio, "an audio/ folder beside meta/esc50.csv (ESC-50 layout)");
        List<String[]> rows = readCsv(csv);
        Map<String, Integer> col = header(csv, rows, "filename", "fold", "target", "category");
        // Labels ordered by the numeric target, as in the ESC-50 release.
        TreeMap<Integer, String> byTarget = new TreeMap<>();
        for (int r = 1; r < rows.size(); r++) {
            String[] row = rows.get(r);
            int target = parseInt(csv, r, row, col.get("target"), "target");
            String category = cell(csv, r, row, col.get("category"));
            String old = byTarget.putIfAbsent(target, category);
            if (old != null && !old.equals(category)) {
                throw new BadInputException(csv + " line " + (r + 1) + ": target " + target + " is both '" + old
                        + "' and '" + category + "'");
            }
        }
        List<String> labels = new ArrayList<>(byTarget.values());
        Map<String, Integer> index = indexOf(labels);
        List<Clip> clips = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            String[] row = rows.get(r);
            String category = cell(csv, r, row, col.get("category"));
            int fold = parseInt(csv, r, row, col.get("fold"), "fold");
            if (fold < 1) {
                throw new BadInputException(csv + " line " + (r + 1) + ": fold must be >= 1, got " + fold);
            }
            clips.add(new Clip(audio.resolve(cell(csv, r, row, col.get("filename"))), category, index.get(category), fold));
        }
        if (clips.isEmpty()) {
            throw new BadInputException(csv + ": no clips listed (expected a header and one row per clip)");
        }
        return new Dataset(dir, DatasetLayout.ESC50, labels, clips);
    }

    private static Dataset urbanSound8k(Path dir) {
        Path csv = dir.resolve("metadata").resolve("UrbanSound8K.csv");
        Path audio = dir.resolve("audio");
        requireDirectory(dir, audio, "an audio/ folder with fold1..fold10 beside metadata/UrbanSound8K.csv"
                + " (UrbanSound8K layout)");
        List<String[]> rows = readCsv(csv);
        Map<String, Integer> col = header(csv, rows, "slice_file_name", "fold", "classID", "class");
        TreeMap<Integer, String> byId = new TreeMap<>();
        for (int r = 1; r < rows.size(); r++) {
            String[] row = rows.get(r);
            byId.putIfAbsent(parseInt(csv, r, row, col.get("classID"), "classID"), cell(csv, r, row, col.get("class")));
        }
        List<String> labels = new ArrayList<>(byId.values());
        Map<String, Integer> index = indexOf(labels);
        List<Clip> clips = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            String[] row = rows.get(r);
            String label = cell(csv, r, row, col.get("class"));
            int fold = parseInt(csv, r, row, col.get("fold"), "fold");
            if (fold < 1) {
                throw new BadInputException(csv + " line " + (r + 1) + ": fold must be >= 1, got " + fold);
            }
            Path file = audio.resolve("fold" + fold).resolve(cell(csv, r, row, col.get("slice_file_name")));
            clips.add(new Clip(file, label, index.get(label), fold));
        }
        if (clips.isEmpty()) {
            throw new BadInputException(csv + ": no clips listed (expected a header and one row per clip)");
        }
        return new Dataset(dir, DatasetLayout.URBANSOUND8K, labels, clips);
    }

    private static Dataset folderPerClass(Path dir) {
        List<Path> folders;
        try (Stream<Path> s = Files.list(dir)) {
            folders = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("data set " + dir + ": cannot list: " + e.getMessage(), e);
        }
        String expected = "expected meta/esc50.csv (ESC-50), metadata/UrbanSound8K.csv (UrbanSound8K) or one"
                + " sub-folder of audio files per label";
        List<String> labels = new ArrayList<>();
        List<Clip> clips = new ArrayList<>();
        for (Path folder : folders) {
            List<Path> files = audioFilesIn(folder);
            if (files.isEmpty()) {
                continue;
            }
            String label = folder.getFileName().toString();
            int index = labels.size();
            labels.add(label);
            for (Path f : files) {
                clips.add(new Clip(f, label, index, 0));
            }
        }
        if (labels.isEmpty()) {
            throw new BadInputException("data set " + dir + ": no labelled audio found; " + expected);
        }
        if (labels.size() < 2) {
            throw new BadInputException("data set " + dir + ": only one label ('" + labels.get(0)
                    + "'); a folder-per-class data set needs at least two sub-folders of audio files");
        }
        return new Dataset(dir, DatasetLayout.FOLDER_PER_CLASS, labels, clips);
    }

    private static List<Path> audioFilesIn(Path folder) {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).filter(Dataset::isAudioFile).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("data set folder " + folder + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** Whether the file name ends in one of {@link #AUDIO_EXTENSIONS}. */
    public static boolean isAudioFile(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && AUDIO_EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static void requireDirectory(Path dir, Path sub, String expected) {
        if (!Files.isDirectory(sub)) {
            throw new BadInputException("data set " + dir + ": " + sub.getFileName() + "/ missing; expected " + expected);
        }
    }

    static List<String[]> readCsv(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(csv + ": cannot read: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new BadInputException(csv + ": cannot read: " + e.getMessage(), e);
        }
        List<String[]> rows = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (!line.isBlank()) {
                rows.add(splitCsvLine(line));
            }
        }
        if (rows.isEmpty()) {
            throw new BadInputException(csv + ": empty (expected a header line)");
        }
        return rows;
    }

    /** Splits one CSV line (RFC 4180 quotes; no embedded line breaks). */
    static String[] splitCsvLine(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString().trim());
        return out.toArray(String[]::new);
    }

    private static Map<String, Integer> header(Path csv, List<String[]> rows, String... required) {
        String[] h = rows.get(0);
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < h.length; i++) {
            col.put(h[i].replace("\uFEFF", ""), i);
        }
        List<String> missing = new ArrayList<>();
        for (String r : required) {
            if (!col.containsKey(r)) {
                missing.add(r);
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(csv + ": header lacks column(s) " + String.join(", ", missing) + "; expected "
                    + String.join(",", required));
        }
        return col;
    }

    private static String cell(Path csv, int r, String[] row, int c) {
        if (c >= row.length || row[c].isEmpty()) {
            throw new BadInputException(csv + " line " + (r + 1) + ": column " + (c + 1) + " is missing or empty");
        }
        return row[c];
    }

    private static int parseInt(Path csv, int r, String[] row, int c, String name) {
        String v = cell(csv, r, row, c);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new BadInputException(csv + " line " + (r + 1) + ": " + name + " is not a whole number: '" + v + "'");
        }
    }

    private static Map<String, Integer> indexOf(List<String> labels) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            if (m.putIfAbsent(labels.get(i), i) != null) {
                throw new BadInputException("label '" + labels.get(i) + "' has two different numeric ids");
            }
        }
        return m;
    }
}
