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

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(AtomicFile.TEMP_SUFFIX)).toList();
        }
    }
}
