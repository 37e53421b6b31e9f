package dev.hark.models.embed;

import dev.hark.models.catalog.Crc32;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Lets ONNX Runtime load its native libraries from a directory beside the jar it comes from ({@value #DIR_NAME},
 * which the build unpacks next to {@code hark.jar}) instead of copying 28 MB out of the jar into a temporary
 * directory at every start. Used only when every library there has the size and CRC-32 of the jar's own copy,
 * so a directory left over from another build (a stale or partial copy) is ignored and ONNX Runtime unpacks its
 * libraries as usual; nothing is done when {@value #PATH_PROPERTY} is already set.
 */
final class UnpackedRuntime {
    /** The directory beside the jar holding the unpacked libraries. */
    static final String DIR_NAME = "hark-native";
    /** ONNX Runtime's own system property naming a directory with its native libraries. */
    static final String PATH_PROPERTY = "onnxruntime.native.path";

    private static final String IN_JAR = "ai/onnxruntime/native/linux-x64/";
    private static final String[] LIBRARIES = {"libonnxruntime.so", "libonnxruntime4j_jni.so"};

    private UnpackedRuntime() {
    }

    /** Points ONNX Runtime at the unpacked libraries when they match the jar's; call before ONNX Runtime loads. */
    static void preferUnpacked() {
        if (System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        Path jar = jarOf(ai.onnxruntime.OrtEnvironment.class);
        if (jar == null || jar.getParent() == null) {
            return;
        }
        Path dir = jar.getParent().resolve(DIR_NAME);
        if (Files.isDirectory(dir) && matches(jar, dir)) {
            System.setProperty(PATH_PROPERTY, dir.toString());
        }
    }

    /** Whether every library in {@code dir} has the size and CRC-32 of the jar's entry; false on any doubt. */
    static boolean matches(Path jar, Path dir) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (String lib : LIBRARIES) {
                ZipEntry e = zip.getEntry(IN_JAR + lib);
                Path f = dir.resolve(lib);
                if (e == null || !Crc32.sameAsEntry(f, e)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // ONNX Runtime then unpacks its libraries from the jar as it always did
        }
    }

    /** The jar file a class was loaded from, or null (classes directory, unknown). */
    private static Path jarOf(Class<?> c) {
        try {
            var src = c.getProtectionDomain().getCodeSource();
            if (src == null) {
                return null;
            }
            Path p = Path.of(src.getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
