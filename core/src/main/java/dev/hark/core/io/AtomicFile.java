package dev.hark.core.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file that is seen complete or not at all: it is written under a hidden temporary name
 * ({@code .NAME.RANDOM.tmp}) in the target's directory, and {@link #commit()} forces it to disk and renames it
 * over the target (atomically where the file system allows). {@link #close()} without a commit deletes the
 * temporary file and leaves the target untouched.
 *
 * <p>The temporary file is created like any other file the user writes (permissions from the umask), not
 * owner-only as {@code Files.createTempFile} would make it, since the rename keeps them. The target's directory
 * must exist. Every failure is an {@link IOException}; {@link IoFailures} turns one into a message.
 *
 * <p>Only a regular file (or nothing) is ever replaced: a rename would turn a device ({@code /dev/null}), a FIFO or
 * a socket, or a link to one, into a regular file, so such a target is refused, when the file is created and again
 * at the commit. {@link #checkTarget} and {@link #checkDirectory} let a command check its outputs (including that
 * no output is one of its inputs) before it starts any work.
 */
public final class AtomicFile implements AutoCloseable {
    /** The suffix of temporary files. */
    public static final String TEMP_SUFFIX = ".tmp";
    private static final int ATTEMPTS = 10;

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private boolean done;

    private AtomicFile(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
    }

    /**
     * Creates the temporary file for {@code target}.
     *
     * @throws IOException when the target is a directory, its directory does not exist or is not writable
     */
    public static AtomicFile create(Path target) throws IOException {
        Objects.requireNonNull(target, "target");
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        refuseToReplace(target);
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(String.valueOf(dir), null, "directory " + dir + " does not exist");
        }
        for (int attempt = 1; ; attempt++) {
            Path temp = dir.resolve("." + abs.getFileName() + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX);
            try {
                return new AtomicFile(target, temp,
                        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            } catch (FileAlreadyExistsException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Checks, before any work, that {@code target} can be written: its directory exists and takes a new file (a
     * probe file is created and deleted), the target is absent or a regular file, and it is none of {@code inputs}.
     *
     * @throws IOException naming the reason ({@link IoFailures#reason})
     */
    public static void checkTarget(Path target, Collection<Path> inputs) throws IOException {
        Objects.requireNonNull(target, "target");
        for (Path input : inputs) {
            if (isSameFile(target, input)) {
                throw new FileSystemException(target.toString(), null, "it is one of the inputs (" + input
                        + "); writing it would destroy it");
            }
        }
        try (AtomicFile probe = create(target)) {
            // created and deleted: the directory takes new files
        }
    }

    /**
     * Checks, before any work, that files can be written in {@code dir}: it is created if missing (with its
     * parents), must be a directory, and takes a new file (a probe file is created and deleted); each of {@code
     * names}, where it exists, must be a regular file.
     *
     * @throws IOException naming the reason ({@link IoFailures#reason})
     */
    public static void checkDirectory(Path dir, String... names) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Path abs = dir.toAbsolutePath();
        for (Path p = abs; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new FileSystemException(dir.toString(), null, p.equals(abs) ? "it is not a directory"
                            : "cannot create it (" + p + " is not a directory)");
                }
                break;
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            throw new FileSystemException(dir.toString(), null, "cannot create it ("
                    + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()) + ")");
        }
        for (String name : names) {
            refuseToReplace(dir.resolve(name));
        }
        try (AtomicFile probe = create(dir.resolve("write-probe"))) {
            // created and deleted: the directory takes new files
        }
    }

    /** Whether {@code a} and {@code b} are the same existing file (through links and relative paths). */
    private static boolean isSameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** Refuses a target that exists and is not a regular file (a directory, device, FIFO, socket, or a link to one). */
    private static void refuseToReplace(Path target) throws FileSystemException {
        if (Files.isDirectory(target)) {
            throw new FileSystemException(target.toString(), null, "it is a directory");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new FileSystemException(target.toString(), null, "it is not a regular file (a device, FIFO or "
                    + "socket); refusing to replace it");
        }
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Writes what {@code content} writes to {@code target} atomically. */
    public static void write(Path target, Content content) throws IOException {
        try (AtomicFile file = create(target)) {
            try (OutputStream out = file.outputStream()) {
                content.writeTo(out);
            }
            file.commit();
        }
    }

    /** Copies {@code source} to {@code target} atomically. */
    public static void copy(Path source, Path target) throws IOException {
        write(target, out -> Files.copy(source, out));
    }

    /** What {@link #write(Path, Content)} writes. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** The file this will become. */
    public Path target() {
        return target;
    }

    /** The temporary file, for code that must read back what it wrote before committing. */
    public Path temp() {
        return temp;
    }

    /** The temporary file's channel (positioned writes allowed); closed by {@link #commit()} or {@link #close()}. */
    public FileChannel channel() {
        return channel;
    }

    /** A buffered stream onto {@link #channel()}; closing it flushes it but leaves the file open for the commit. */
    public OutputStream outputStream() {
        OutputStream raw = new FilterOutputStream(Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        return new BufferedOutputStream(raw, 1 << 16);
    }

    /** Forces the data to disk and renames the temporary file over the target. */
    public void commit() throws IOException {
        if (done) {
            throw new IllegalStateException(target + " already committed or closed");
        }
        done = true;
        try {
            channel.force(true);
            channel.close();
            refuseToReplace(target); // it may have become a device or FIFO since create()
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            discard(e);
            throw e;
        }
    }

    /** Deletes the temporary file unless committed. Idempotent. */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        discard(null);
    }

    private void discard(IOException failure) {
        try {
            channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                // Left behind as a hidden .tmp file; the target itself is untouched. The caller's own failure (if
                // any) is what matters to them, so this is reported, not thrown.
                System.getLogger(AtomicFile.class.getName()).log(System.Logger.Level.WARNING,
                        "could not delete temporary file " + temp + ": " + e);
            }
        }
    }
}
