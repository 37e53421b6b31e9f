package dev.hark.models.catalog;

import java.util.List;
import java.util.Objects;

/**
 * What Hark found for one file of a known model.
 *
 * @param model    the model
 * @param file     the file
 * @param state    missing, intact, corrupt, or present without a pinned checksum
 * @param location where it was found; when missing, the places looked in (comma-separated)
 * @param sha256   the content's SHA-256, or {@code null} when missing or not pinned (not computed: a user's
 *                 imported graph may be hundreds of megabytes)
 */
public record FileStatus(KnownModel model, ModelFile file, State state, String location, String sha256) {
    /** The state of a file. */
    public enum State {
        MISSING, INTACT, CORRUPT, UNPINNED;

        public String display() {
            return switch (this) {
                case MISSING -> "missing";
                case INTACT -> "intact";
                case CORRUPT -> "CORRUPT";
                case UNPINNED -> "present";
            };
        }
    }

    public FileStatus {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(location, "location");
    }

    /** Looks for every file of every catalogue model and checks each present one's checksum. */
    public static List<FileStatus> survey() {
        List<FileStatus> out = new java.util.ArrayList<>();
        for (KnownModel m : ModelCatalog.all()) {
            for (ModelFile f : m.files()) {
                out.add(of(m, f));
            }
        }
        return List.copyOf(out);
    }

    /** The status of one file (reads it and hashes it when present). */
    public static FileStatus of(KnownModel m, ModelFile f) {
        return ModelLocator.find(m, f)
                .map(l -> !f.pinned() ? new FileStatus(m, f, State.UNPINNED, l.location(), null)
                        : new FileStatus(m, f, l.intact() ? State.INTACT : State.CORRUPT, l.location(), l.sha256()))
                .orElseGet(() -> new FileStatus(m, f, State.MISSING, String.join(", ", ModelLocator.placesFor(m, f)),
                        null));
    }

    /** Whether a model can run: each required file present and not corrupt. */
    public static boolean ready(KnownModel m, List<FileStatus> survey) {
        return survey.stream().filter(s -> s.model() == m)
                .allMatch(s -> s.state() == State.INTACT || s.state() == State.UNPINNED
                        || (s.state() == State.MISSING && !s.file().required()));
    }
}
