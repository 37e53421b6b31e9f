package dev.hark.models.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.jar.JarEntry;

/**
 * The copy of a model file packed into Hark's jar, found the quick way. The build also unpacks the packed graphs
 * beside the jar ({@value #DIR_NAME}{@code /MODEL/FILE}, as it unpacks ONNX Runtime's libraries into
 * {@code hark-native}), and such a file is used when its size and CRC-32 equal the jar entry's: a cold start then
 * neither inflates YAMNet's 15 MB nor holds them on the heap (ONNX Runtime reads the file itself). Otherwise (a
 * jar copied alone, an unpacked file left from another build) the entry is read out of the jar. Either way the
 * copy carries the CRC-32 the jar recorded for it, which {@link LocatedFile#usable()} checks it by: the build
 * compared the file's SHA-256 with the catalogue's before packing it.
 */
final class PackedCopy {
    /** The directory beside the jar that holds the unpacked graphs. */
    static final String DIR_NAME = "hark-models";

    private PackedCopy() {
    }

    /**
     * The packed copy of {@code file}, resource {@code prefix + relative} of {@code loader}, or null when there is
     * none.
     *
     * @param relative the resource's path below the models' prefix ({@code yamnet/yamnet.onnx}), also its path
     *                 below {@value #DIR_NAME}
     */
    static LocatedFile find(ClassLoader loader, ModelFile file, String prefix, String relative) throws IOException {
        String res = prefix + relative;
        URL url = loader.getResource(res);
        if (url == null) {
            return null;
        }
        String location = "jar:" + res;
        URLConnection c = url.openConnection();
        if (!(c instanceof JarURLConnection jar)) {
            try (InputStream in = c.getInputStream()) { // a classes directory (tests, an IDE): no CRC-32 recorded
                return LocatedFile.inMemory(file, location, in.readAllBytes());
            }
        }
        JarEntry entry = jar.getJarEntry();
        long crc = entry.getCrc();
        Path unpacked = unpackedBeside(jar.getJarFileURL(), relative);
        if (unpacked != null && Crc32.sameAsEntry(unpacked, entry)) {
            return LocatedFile.packedCopy(file, location, unpacked, crc);
        }
        try (InputStream in = jar.getInputStream()) {
            return LocatedFile.packedCopy(file, location, in.readAllBytes(), crc);
        }
    }

    private static Path unpackedBeside(URL jarFile, String relative) {
        try {
            Path dir = Path.of(jarFile.toURI()).getParent();
            return dir == null ? null : dir.resolve(DIR_NAME).resolve(relative);
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null; // a jar that is not a plain file: read the entry
        }
    }
}
