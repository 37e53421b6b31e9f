package dev.hark.importers;

import ai.onnx.proto.OnnxMl;
import dev.hark.core.io.AtomicFile;
import dev.hark.core.io.IoFailures;
import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an importer writes its graph: an {@link AtomicFile} beside the target (its directory created if needed),
 * which the importer verifies ({@link AtomicFile#temp()}) before it commits it.
 */
public final class ModelOutput {
    private ModelOutput() {
    }

    /**
     * Writes {@code model} to a temporary file for {@code out}; the caller commits or closes it.
     *
     * @throws BadInputException naming {@code out} when it is a directory or cannot be written
     */
    public static AtomicFile write(OnnxMl.ModelProto model, Path out) {
        if (Files.isDirectory(out)) {
            throw new BadInputException(out + ": is a directory; give a file name");
        }
        AtomicFile file = null;
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            file = AtomicFile.create(out);
            try (OutputStream os = file.outputStream()) {
                model.writeTo(os);
            }
            return file;
        } catch (IOException e) {
            if (file != null) {
                file.close();
            }
            throw new BadInputException(out + ": cannot write: " + IoFailures.reason(e), e);
        }
    }

    /** Copies {@code source} to {@code target} atomically, creating the target's directory if needed. */
    static void copy(Path source, Path target) {
        if (Files.isDirectory(target)) {
            throw new BadInputException(target + ": is a directory; give a file name");
        }
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            AtomicFile.copy(source, target);
        } catch (IOException e) {
            throw new BadInputException(target + ": cannot copy " + source + " here: " + IoFailures.reason(e), e);
        }
    }
}
