package dev.hark.core.dataset;

import dev.hark.core.audio.WavWriter;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.core.io.AtomicFile;
import dev.hark.core.io.IoFailures;
import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder-per-class data set as Hark writes it (what {@code hark teach}, {@code hark feedback} and the service's
 * verdicts add to, and {@code hark train} reads): {@code ROOT/LABEL/*.wav} for the examples of each label, and
 * {@code ROOT/}{@value #NEGATIVES}{@code /} for negatives, sounds of none of the labels, which training takes as
 * such (not as a label). Every file is written to a temporary name and renamed.
 */
public final class DatasetFolder {
    /** The folder of negatives (clips marked wrong, background recordings). */
    public static final String NEGATIVES = "_negative";
    /** What a head says for none of its labels: no label may be called that. */
    public static final String UNKNOWN = "unknown";

    private static final Pattern NUMBERED = Pattern.compile("(.+)-(\\d+)\\.wav");
    private final Path root;

    public DatasetFolder(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /**
     * The folder of {@code label}, or of the negatives when {@code label} is null. A label is made a safe folder
     * name as the service always did: path separators and control characters become {@code -}, and a name that
     * is empty or starts with a dot gets a leading {@code _}.
     */
    public Path folder(String label) {
        return root.resolve(label == null ? NEGATIVES : folderName(label));
    }

    /** {@code label} as a folder name (see {@link #folder}). */
    public static String folderName(String label) {
        String s = label.replaceAll("[/\\\\\\p{Cntrl}]", "-").strip();
        if (s.isEmpty() || s.equals(".") || s.equals("..") || s.startsWith(".")) {
            s = "_" + s;
        }
        return s;
    }

    /**
     * Checks a label given by a user (who may choose another): it must be its own folder name, not start with
     * {@code _} (reserved for {@value #NEGATIVES}) and not be {@value #UNKNOWN}.
     *
     * @param what how the message names the label, e.g. {@code LABEL} or {@code --as}
     * @throws BadInputException saying what is wrong
     */
    public static String checkLabel(String label, String what) {
        if (label == null || label.isBlank()) {
            throw new BadInputException(what + ": a label must not be empty");
        }
        if (!folderName(label).equals(label)) {
            throw new BadInputException(what + " '" + label + "': a label is a folder name: no '/', '\\', control "
                    + "characters, leading dot or surrounding spaces");
        }
        if (label.startsWith("_")) {
            throw new BadInputException(what + " '" + label + "': names starting with '_' are reserved ("
                    + NEGATIVES + " holds the negatives)");
        }
        if (label.equalsIgnoreCase(UNKNOWN)) {
            throw new BadInputException(what + " '" + label + "': a label may not be called '" + UNKNOWN
                    + "', which is what a head says for none of its labels");
        }
        return label;
    }

    /** The audio files in the folder of {@code label} (null: the negatives), in name order; none if it is absent. */
    public List<Path> clips(String label) {
        Path dir = folder(label);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(Dataset::isAudioFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("data set folder " + dir + ": cannot list: " + IoFailures.reason(e), e);
        }
    }

    /** The labels present (folders holding audio), in name order, without the negatives. */
    public List<String> labels() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !n.equals(NEGATIVES)).sorted()
                    .filter(n -> !clips(n).isEmpty()).toList();
        } catch (IOException e) {
            throw new BadInputException("data set " + root + ": cannot list: " + IoFailures.reason(e), e);
        }
    }

    /**
     * Checks that the folder of {@code label} (null: the negatives) can take files, creating it if missing.
     *
     * @throws BadInputException naming the folder and the reason
     */
    public Path checkWritable(String label) {
        Path dir = folder(label);
        try {
            AtomicFile.checkDirectory(dir);
        } catch (IOException e) {
            throw new BadInputException("cannot save examples in " + dir + ": " + IoFailures.reason(e), e);
        }
        return dir;
    }

    /**
     * Saves 16 kHz samples as a 16-bit WAV in the folder of {@code label} (null: the negatives), named
     * {@code STEM-NNN.wav} with the next number after the highest one there (so earlier files are never replaced).
     *
     * @return the file written
     * @throws BadInputException when it cannot be written
     */
    public Path save(String label, String stem, float[] samples16k) {
        Path dir = checkWritable(label);
        Path file = dir.resolve(String.format(Locale.ROOT, "%s-%03d.wav", stem, nextNumber(dir, stem)));
        try {
            WavWriter.writePcm16(file, samples16k, FrontEndParams.SAMPLE_RATE_HZ);
        } catch (UncheckedIOException e) {
            throw IoFailures.cannotWrite(file, e.getCause());
        }
        return file;
    }

    private static int nextNumber(Path dir, String stem) {
        int max = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Matcher m = NUMBERED.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).equals(stem) && m.group(2).length() < 9) {
                    max = Math.max(max, Integer.parseInt(m.group(2)));
                }
            }
        } catch (IOException e) {
            throw new BadInputException("data set folder " + dir + ": cannot list: " + IoFailures.reason(e), e);
        }
        return max + 1;
    }

    /** Where {@link #file} put a clip, and where it took it from when it was filed elsewhere before. */
    public record Filed(Path file, boolean alreadyThere, List<Path> movedFrom) {
        public Filed {
            movedFrom = List.copyOf(movedFrom);
        }
    }

    /**
     * Files a copy of {@code clip} under {@code label} (null: as a negative), under its own name. A clip has one
     * verdict: the same clip (same name, same bytes) filed elsewhere in the data set before is removed there. A
     * different file of the same name already in the folder is kept, and the copy gets the next free name
     * ({@code NAME-2.wav}).
     *
     * @throws BadInputException when the clip cannot be read or the copy written
     */
    public Filed file(Path clip, String label) {
        if (!Files.isRegularFile(clip)) {
            throw new BadInputException(clip + ": no such file");
        }
        Path dir = checkWritable(label);
        String name = clip.getFileName().toString();
        Path target = dir.resolve(name);
        boolean there = false;
        for (int n = 2; Files.exists(target); n++) {
            if (sameBytes(clip, target)) {
                there = true;
                break;
            }
            int dot = name.lastIndexOf('.');
            target = dir.resolve(dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n);
        }
        if (!there) {
            try {
                AtomicFile.copy(clip, target);
            } catch (IOException e) {
                throw IoFailures.cannotWrite(target, e);
            }
        }
        List<Path> moved = new ArrayList<>();
        for (Path other : otherCopies(clip, dir, name)) {
            try {
                Files.delete(other);
                moved.add(other);
            } catch (IOException e) {
                throw new BadInputException("filed " + target + ", but cannot remove the earlier copy " + other + ": "
                        + IoFailures.reason(e), e);
            }
        }
        return new Filed(target, there, moved);
    }

    /** Copies of {@code clip} named {@code name} in the other top folders of the data set (the clip itself too). */
    private List<Path> otherCopies(Path clip, Path except, String name) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            for (Path d : (Iterable<Path>) s::iterator) {
                Path p = d.resolve(name);
                if (Files.isDirectory(d) && !d.equals(except) && Files.isRegularFile(p) && sameBytes(clip, p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new BadInputException("data set " + root + ": cannot list: " + IoFailures.reason(e), e);
        }
        return out;
    }

    private static boolean sameBytes(Path a, Path b) {
        try {
            return Files.size(a) == Files.size(b) && Files.mismatch(a, b) == -1;
        } catch (IOException e) {
            return false;
        }
    }
}
