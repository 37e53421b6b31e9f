package dev.hark.app;

import dev.hark.core.io.AtomicFile;
import dev.hark.core.io.IoFailures;
import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * The commands' checks of where they will write, made before any work starts (so that a run is never lost at its
 * end to an output that cannot be written): {@link AtomicFile#checkTarget} and {@link AtomicFile#checkDirectory},
 * their failures as one-line {@link BadInputException}s ({@code cannot write FILE: REASON}, exit code 2).
 */
final class Outputs {
    private Outputs() {
    }

    /** {@code out} can be written (its directory exists, it is absent or a regular file) and is none of {@code inputs}. */
    static void file(Path out, Collection<Path> inputs) {
        try {
            AtomicFile.checkTarget(out, inputs);
        } catch (IOException e) {
            throw IoFailures.cannotWrite(out, e);
        }
    }

    /** As {@link #file}, creating {@code out}'s directory first if it is missing. */
    static void fileInNewDirectory(Path out, Collection<Path> inputs) {
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null) {
            try {
                AtomicFile.checkDirectory(dir);
            } catch (IOException e) {
                Path given = out.getParent() != null ? out.getParent() : dir;
                throw new BadInputException("cannot write " + out + ": its directory " + given + ": "
                        + IoFailures.reason(e), e);
            }
        }
        file(out, inputs);
    }

    /** {@code dir} exists or can be created and takes new files; {@code names} in it, where present, are regular files. */
    static void directory(Path dir, String... names) {
        try {
            AtomicFile.checkDirectory(dir, names);
        } catch (FileSystemException e) {
            throw IoFailures.cannotWrite(e.getFile() != null ? Path.of(e.getFile()) : dir, e); // the file in the way
        } catch (IOException e) {
            throw IoFailures.cannotWrite(dir, e);
        }
    }

    /** No inputs to protect. */
    static List<Path> none() {
        return List.of();
    }
}
