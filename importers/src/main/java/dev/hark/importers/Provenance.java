package dev.hark.importers;

import dev.hark.errors.BadInputException;
import dev.hark.models.catalog.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** What an imported graph records of where it came from: the source file's sha256 and the importer's version. */
public final class Provenance {
    private Provenance() {
    }

    /** Hex sha256 of a source file; a missing or unreadable file is the user's input problem. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Sha256.of(in);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Hark's version, written into the ONNX model as its producer version ({@code dev} outside a release jar). */
    public static String producerVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
