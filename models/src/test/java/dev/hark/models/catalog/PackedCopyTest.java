package dev.hark.models.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.ModelException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packed copy of a model file, from a real jar: its copy unpacked beside the jar is used only when it equals the
 * jar's entry, and a copy is taken on the CRC-32 the jar recorded where the catalogue's SHA-256 is not computed.
 */
class PackedCopyTest {
    private static final byte[] CONTENT = "a graph of sixteen bytes, or so".getBytes(StandardCharsets.US_ASCII);
    /** The catalogue pins a SHA-256 that the content does not have: only the CRC-32 path can take it. */
    private static final ModelFile PINNED_ELSEWHERE = new ModelFile("g.onnx", "0".repeat(64), true, "build it");

    @TempDir
    Path dir;

    private Path jar() throws Exception {
        Path jar = dir.resolve("hark.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("p/m/g.onnx"));
            out.write(CONTENT);
            out.closeEntry();
        }
        return jar;
    }

    private LocatedFile find(Path jar, ModelFile file) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            return PackedCopy.find(loader, file, "p/", "m/g.onnx");
        }
    }

    private Path unpacked(byte[] content) throws Exception {
        Path f = dir.resolve(PackedCopy.DIR_NAME).resolve("m/g.onnx");
        Files.createDirectories(f.getParent());
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write(content);
        }
        return f;
    }

    @Test
    void withoutAnUnpackedCopyTheEntryIsReadAndCheckedByItsCrc() throws Exception {
        LocatedFile f = find(jar(), PINNED_ELSEWHERE);
        assertNull(f.path());
        assertEquals("jar:p/m/g.onnx", f.location());
        assertArrayEquals(CONTENT, f.bytes());
        assertTrue(f.usable(), "the CRC-32 the jar recorded stands for the build's check");
        assertFalse(f.intact(), "the SHA-256 is still the catalogue's test");
        assertThrows(ModelException.class, () -> ModelLocator.checkIntact(f));
        ModelLocator.checkUsable(f);
    }

    @Test
    void anUnpackedCopyEqualToTheEntryIsUsedFromDisk() throws Exception {
        Path jar = jar();
        Path copy = unpacked(CONTENT);
        LocatedFile f = find(jar, PINNED_ELSEWHERE);
        assertEquals(copy, f.path());
        assertEquals("jar:p/m/g.onnx", f.location(), "named as the jar's copy it equals");
        assertArrayEquals(CONTENT, f.bytes());
        assertTrue(f.usable());
    }

    @Test
    void anUnpackedCopyOfTheSameSizeButOtherContentIsIgnored() throws Exception {
        Path jar = jar();
        byte[] stale = CONTENT.clone();
        stale[3] ^= 1;
        unpacked(stale);
        LocatedFile f = find(jar, PINNED_ELSEWHERE);
        assertNull(f.path(), "read out of the jar instead");
        assertArrayEquals(CONTENT, f.bytes());
        assertTrue(f.usable());
    }

    @Test
    void anUnpackedCopyOfAnotherSizeIsIgnored() throws Exception {
        Path jar = jar();
        unpacked("short".getBytes(StandardCharsets.US_ASCII));
        assertNull(find(jar, PINNED_ELSEWHERE).path());
    }

    @Test
    void aResourceOutsideAJarIsHeldToTheCatalogueSha256() throws Exception {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("p/m"));
        Files.write(classes.resolve("p/m/g.onnx"), CONTENT);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            LocatedFile f = PackedCopy.find(loader, PINNED_ELSEWHERE, "p/", "m/g.onnx");
            assertFalse(f.usable(), "no CRC-32 recorded: only the SHA-256 counts, and it differs");
            ModelFile pinnedRight = new ModelFile("g.onnx", Sha256.of(CONTENT), true, "build it");
            assertTrue(PackedCopy.find(loader, pinnedRight, "p/", "m/g.onnx").usable());
            assertNull(PackedCopy.find(loader, pinnedRight, "p/", "m/missing.onnx"));
        }
    }
}
