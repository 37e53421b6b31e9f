package dev.hark.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void theTargetAppearsOnlyAtCommitAndReplacesTheOldFile() throws IOException {
        Path f = dir.resolve("out.bin");
        Files.writeString(f, "old");
        try (AtomicFile file = AtomicFile.create(f)) {
            try (OutputStream out = file.outputStream()) {
                out.write("new".getBytes(StandardCharsets.US_ASCII));
            }
            assertEquals("old", Files.readString(f), "target untouched before commit");
            assertEquals("new", Files.readString(file.temp()), "the temporary file can be read back before commit");
            assertEquals(dir.toAbsolutePath(), file.temp().toAbsolutePath().getParent(), "temporary file beside the target");
            file.commit();
        }
        assertEquals("new", Files.readString(f));
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void closingWithoutCommitOrFailingInsideLeavesTheTargetAndNoTemporary() throws IOException {
        Path f = dir.resolve("keep.txt");
        Files.writeString(f, "kept");
        try (AtomicFile file = AtomicFile.create(f)) {
            file.outputStream().write(1);
        }
        IOException failure = assertThrows(IOException.class, () -> AtomicFile.write(f, out -> {
            out.write(2);
            throw new IOException("producer failed");
        }));
        assertEquals("producer failed", failure.getMessage());
        assertEquals("kept", Files.readString(f));
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void writeAndCopyHelpers() throws IOException {
        Path a = dir.resolve("a.bin");
        AtomicFile.write(a, new byte[] {1, 2, 3});
        Path b = dir.resolve("b.bin");
        AtomicFile.copy(a, b);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(b));
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void filesGetTheUsualPermissionsNotOwnerOnly() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path f = dir.resolve("perm.bin");
        AtomicFile.write(f, new byte[] {1});
        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "x"); // created the ordinary way: honours the umask
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f));
    }

    @Test
    void aDirectoryOrAMissingDirectoryIsRefusedWithAReason() {
        FileSystemException isDir = assertThrows(FileSystemException.class, () -> AtomicFile.create(dir));
        assertEquals("it is a directory", IoFailures.reason(isDir));
        Path missing = dir.resolve("no/such/x.bin");
        NoSuchFileException noDir = assertThrows(NoSuchFileException.class, () -> AtomicFile.create(missing));
        assertTrue(IoFailures.reason(noDir).contains("does not exist"), IoFailures.reason(noDir));
        assertFalse(Files.exists(missing.getParent()));
    }

    @Test
    void commitTwiceIsAnError() throws IOException {
        try (AtomicFile file = AtomicFile.create(dir.resolve("once.bin"))) {
            file.commit();
            assertThrows(IllegalStateException.class, file::commit);
        }
    }

    @Test
    void aFifoOrALinkToADeviceIsNeverReplaced() throws Exception {
        Path fifo = dir.resolve("pipe.npy");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo not available");
        Path device = dir.resolve("null.npy");
        Files.createSymbolicLink(device, Path.of("/dev/null"));
        for (Path target : List.of(fifo, device)) {
            FileSystemException e = assertThrows(FileSystemException.class, () -> AtomicFile.write(target, new byte[] {1}));
            assertEquals("it is not a regular file (a device, FIFO or socket); refusing to replace it", e.getReason());
            assertThrows(FileSystemException.class, () -> AtomicFile.checkTarget(target, List.of()));
        }
        assertTrue(Files.isSymbolicLink(device), "the link to /dev/null is still a link");
        assertFalse(Files.isRegularFile(fifo), "the FIFO is still a FIFO");
        assertTrue(Files.isSameFile(device, Path.of("/dev/null")));
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void aTargetThatBecameAFifoBeforeTheCommitIsRefusedAndTheTempFileDeleted() throws Exception {
        Path f = dir.resolve("late.bin");
        try (AtomicFile file = AtomicFile.create(f)) {
            Process mkfifo = new ProcessBuilder("mkfifo", f.toString()).start();
            assumeTrue(mkfifo.waitFor() == 0, "mkfifo not available");
            assertThrows(FileSystemException.class, file::commit);
        }
        assertFalse(Files.isRegularFile(f));
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void checkTargetRefusesAnInputAndADirectoryThatCannotTakeFiles() throws IOException {
        Path input = dir.resolve("in.wav");
        Files.writeString(input, "audio");
        FileSystemException same = assertThrows(FileSystemException.class,
                () -> AtomicFile.checkTarget(dir.resolve("./in.wav"), List.of(Path.of("other.wav"), input)));
        assertTrue(same.getReason().startsWith("it is one of the inputs"), same.getReason());
        Path link = dir.resolve("link.wav");
        Files.createSymbolicLink(link, input);
        assertThrows(FileSystemException.class, () -> AtomicFile.checkTarget(link, List.of(input)));
        assertThrows(NoSuchFileException.class, () -> AtomicFile.checkTarget(input.resolve("sub/out.hark"), List.of()));
        AtomicFile.checkTarget(dir.resolve("new.npy"), List.of(input));
        assertEquals("audio", Files.readString(input));
        assertFalse(Files.exists(dir.resolve("new.npy")), "a check writes nothing");
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void checkDirectoryCreatesItRefusesAFileInTheWayAndNonRegularNames() throws Exception {
        Path made = dir.resolve("a/b/report");
        AtomicFile.checkDirectory(made, "confusion.csv");
        assertTrue(Files.isDirectory(made));
        try (Stream<Path> s = Files.list(made)) {
            assertEquals(0, s.count(), "the probe file is gone");
        }
        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        FileSystemException notDir = assertThrows(FileSystemException.class, () -> AtomicFile.checkDirectory(file));
        assertEquals("it is not a directory", notDir.getReason());
        FileSystemException under = assertThrows(FileSystemException.class,
                () -> AtomicFile.checkDirectory(file.resolve("sub")));
        assertTrue(under.getReason().startsWith("cannot create it"), under.getReason());
        Files.createDirectory(made.resolve("confusion.png"));
        FileSystemException isDir = assertThrows(FileSystemException.class,
                () -> AtomicFile.checkDirectory(made, "confusion.csv", "confusion.png"));
        assertEquals("it is a directory", isDir.getReason());
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(AtomicFile.TEMP_SUFFIX)).toList();
        }
    }
}
