package dev.hark.importers;

import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file written under a temporary name in the target's directory and renamed over the target only when
 * {@link #commit()} is called; {@link #close()} without a commit deletes the temporary file.
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private boolean done;

    public AtomicOutput(Path target) {
        this.target = target.toAbsolutePath().normalize();
        Path dir = this.target.getParent();
        if (Files.isDirectory(this.target)) {
            throw new BadInputException(target + ": is a directory; give a file name");
        }
        try {
            Files.createDirectories(dir);
            this.temp = Files.createTempFile(dir, "." + this.target.getFileName() + ".", ".part");
        } catch (IOException e) {
            throw new BadInputException(target + ": cannot write here: " + e.getMessage(), e);
        }
    }

    public Path temp() {
        return temp;
    }

    Path target() {
        return target;
    }

    /** Renames the temporary file over the target (readable by all, like any other model file). */
    public void commit() {
        try {
            if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (IOException e) {
            throw new BadInputException(target + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Copies {@code source} to {@code target} atomically (temporary file, then rename). */
    static void copy(Path source, Path target) {
        try (AtomicOutput out = new AtomicOutput(target)) {
            try {
                Files.copy(source, out.temp(), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new BadInputException(target + ": cannot copy " + source + " here: " + e.getMessage(), e);
            }
            out.commit();
        }
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                throw new BadInputException(temp + ": cannot delete the unfinished temporary file: " + e.getMessage(), e);
            }
        }
    }
}
