package dev.hark.core.io;

import dev.hark.errors.BadInputException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * NumPy {@code .npz} archives: zip files (stored or deflated) of {@code .npy} members, read into a map keyed by
 * member name without {@code .npy}, in archive order.
 */
public final class Npz {
    private Npz() {
    }

    /** Reads every member of the archive {@code file}. */
    public static Map<String, NpyArray> read(Path file) {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory, not a .npz file");
        }
        if (!Files.exists(file)) {
            throw new BadInputException(file + ": no such file");
        }
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.isDirectory()) {
                    try (InputStream in = new BufferedInputStream(zip.getInputStream(e), NpyReader.BUFFER_BYTES)) {
                        out.put(key(e), NpyReader.read(in, file + "[" + e.getName() + "]"));
                    }
                }
            }
        } catch (ZipException e) {
            throw new BadInputException(file + ": not a valid .npz (zip) archive: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new BadInputException(file + ": truncated .npz archive", e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + IoFailures.reason(e), e);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Reads every member of an archive held in memory; {@code name} is used in messages. Bytes that are not a
     * zip archive give an empty map.
     *
     * @throws BadInputException naming {@code name} and the member, when a member is not a readable array
     */
    public static Map<String, NpyArray> read(byte[] archive, String name) {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    out.put(key(e), NpyReader.read(zip, name + "[" + e.getName() + "]"));
                }
            }
        } catch (IOException e) {
            throw new BadInputException(name + ": not a valid .npz (zip) archive: " + IoFailures.reason(e), e);
        }
        return Collections.unmodifiableMap(out);
    }

    private static String key(ZipEntry e) {
        String n = e.getName();
        return n.endsWith(".npy") ? n.substring(0, n.length() - 4) : n;
    }
}
