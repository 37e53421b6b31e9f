package dev.hark.core.dataset;

import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Unlabelled clips named by the user: audio files, and/or a list file naming one audio file a line ({@code #}
 * starts a comment; relative paths are relative to the list's folder).
 */
public final class ClipList {
    private ClipList() {
    }

    /**
     * The clips of {@code files} followed by those {@code list} names (either may be empty or null); label
     * {@code ""}, no fold.
     *
     * @throws BadInputException when the list cannot be read or names no file
     */
    public static List<Clip> of(List<Path> files, Path list) {
        List<Path> paths = new ArrayList<>(files == null ? List.of() : files);
        if (list != null) {
            paths.addAll(read(list));
        }
        List<Clip> clips = new ArrayList<>();
        for (Path p : paths) {
            clips.add(new Clip(p, "", 0, 0));
        }
        return List.copyOf(clips);
    }

    /** The paths a list file names, in order. */
    public static List<Path> read(Path list) {
        List<String> lines;
        try {
            lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("--list " + list + ": cannot read (" + e.getMessage() + ")");
        }
        Path base = list.toAbsolutePath().getParent();
        if (base != null && base.equals(Path.of("").toAbsolutePath())) {
            base = null; // a list in the working directory: keep its paths as written
        }
        List<Path> paths = new ArrayList<>();
        for (String l : lines) {
            String t = l.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                Path p = Path.of(t);
                paths.add(p.isAbsolute() || base == null ? p : base.resolve(p).normalize());
            }
        }
        if (paths.isEmpty()) {
            throw new BadInputException("--list " + list + ": names no files (expected one path a line)");
        }
        return paths;
    }
}
