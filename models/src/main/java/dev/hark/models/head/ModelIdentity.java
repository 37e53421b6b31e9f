package dev.hark.models.head;

import dev.hark.errors.ModelException;
import dev.hark.models.catalog.KnownModel;
import dev.hark.models.catalog.LocatedFile;
import dev.hark.models.catalog.ModelCatalog;
import dev.hark.models.catalog.ModelLocator;
import dev.hark.models.catalog.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The sha256 of the model file a {@code --model} spec opens (what feature settings and the cache key record). */
public final class ModelIdentity {
    private ModelIdentity() {
    }

    /** sha256 of the graph behind {@code spec}: a catalogue name ({@code yamnet}, {@code vggish}) or a file path. */
    public static String sha256(String spec) {
        Optional<KnownModel> known = ModelCatalog.byName(spec.trim());
        if (known.isPresent()) {
            LocatedFile f = ModelLocator.require(known.get(), known.get().graph());
            return f.sha256();
        }
        return fileSha256(Path.of(spec));
    }

    /** Hex sha256 of a file's content, streamed. */
    public static String fileSha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Sha256.of(in);
        } catch (IOException e) {
            throw new ModelException("model file " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
