package dev.hark.models.embed;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacked libraries are used only when they are the jar's own: a partial, damaged or other copy is not. */
class UnpackedRuntimeTest {
    @TempDir
    Path dir;

    private static final String[] LIBS = {"libonnxruntime.so", "libonnxruntime4j_jni.so"};

    private static Path ortJar() throws Exception {
        return Path.of(ai.onnxruntime.OrtEnvironment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private void unpack(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (String lib : LIBS) {
                ZipEntry e = zip.getEntry("ai/onnxruntime/native/linux-x64/" + lib);
                try (InputStream in = zip.getInputStream(e)) {
                    Files.write(dir.resolve(lib), in.readAllBytes());
                }
            }
        }
    }

    @Test
    void theJarsOwnLibrariesMatch() throws Exception {
        Path jar = ortJar();
        unpack(jar);
        assertTrue(UnpackedRuntime.matches(jar, dir));
    }

    @Test
    void aMissingDamagedOrShortLibraryDoesNotMatch() throws Exception {
        Path jar = ortJar();
        unpack(jar);
        Path jni = dir.resolve(LIBS[1]);
        byte[] good = Files.readAllBytes(jni);
        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 1; // same size, other content
        Files.write(jni, flipped);
        assertFalse(UnpackedRuntime.matches(jar, dir), "damaged");
        Files.write(jni, java.util.Arrays.copyOf(good, good.length - 1));
        assertFalse(UnpackedRuntime.matches(jar, dir), "short");
        Files.delete(jni);
        assertFalse(UnpackedRuntime.matches(jar, dir), "missing");
        assertFalse(UnpackedRuntime.matches(dir.resolve("no.jar"), dir), "no jar");
    }
}
