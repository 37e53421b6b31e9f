package dev.hark.core.io;

import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Short, one-line reasons for I/O failures, for messages that name the file. */
public final class IoFailures {
    private IoFailures() {
    }

    /** The reason alone, e.g. {@code permission denied}, without the file name the JDK puts in its messages. */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** {@code cannot write FILE: REASON}. */
    public static BadInputException cannotWrite(Path file, IOException e) {
        return new BadInputException("cannot write " + file + ": " + reason(e), e);
    }
}
