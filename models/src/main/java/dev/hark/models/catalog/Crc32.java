package dev.hark.models.catalog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * CRC-32, the checksum a jar records for each entry: how a file unpacked beside the jar (a packed model graph,
 * ONNX Runtime's libraries) is told to be the entry's own copy in a few milliseconds. A file on disk is mapped,
 * not read onto the heap.
 */
public final class Crc32 {
    private Crc32() {
    }

    public static long of(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    public static long of(Path file) throws IOException {
        CRC32 crc = new CRC32();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            crc.update(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
        }
        return crc.getValue();
    }

    /**
     * Whether {@code file} is a regular file with the size and CRC-32 the jar recorded for {@code entry}; false
     * when the entry recorded no CRC-32.
     */
    public static boolean sameAsEntry(Path file, ZipEntry entry) throws IOException {
        return entry.getCrc() >= 0 && Files.isRegularFile(file) && Files.size(file) == entry.getSize()
                && of(file) == entry.getCrc();
    }
}
