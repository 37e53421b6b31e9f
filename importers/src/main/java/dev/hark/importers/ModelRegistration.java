package dev.hark.importers;

import dev.hark.errors.BadInputException;
import dev.hark.errors.ModelException;
import dev.hark.models.embed.VggishPostprocessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

/**
 * Puts imported models where the embedders look for them: the user model directory
 * ({@link dev.hark.models.catalog.UserModelDir}), as {@code vggish.onnx} and {@code vggish_pca_params.npz}.
 */
public final class ModelRegistration {
    public static final String VGGISH_FILE = "vggish.onnx";
    public static final String VGGISH_PCA_FILE = VggishPostprocessor.PCA_FILE;
    /** Google's file has 73,020 bytes; anything far larger is not it. */
    static final long MAX_PCA_BYTES = 16L << 20;

    private ModelRegistration() {
    }

    /** Copies {@code model} to {@code dir/fileName} (atomically) unless it already is that file; returns the target. */
    public static Path install(Path model, Path dir, String fileName) {
        Path target = dir.resolve(fileName).toAbsolutePath().normalize();
        if (target.equals(model.toAbsolutePath().normalize())) {
            return target;
        }
        ModelOutput.copy(model, target);
        return target;
    }

    /**
     * Checks that {@code npz} holds Google's VGGish PCA parameters ({@code pca_eigen_vectors [128,128]} and
     * {@code pca_means [128]}), as the post-processor reads them.
     */
    public static void checkPca(Path npz) {
        if (!Files.isRegularFile(npz)) {
            throw new BadInputException(npz + ": no such file");
        }
        try (ZipFile z = new ZipFile(npz.toFile())) {
            if (z.size() == 0) {
                throw new ModelException(npz + ": empty .npz archive: not VGGish PCA parameters");
            }
        } catch (IOException e) {
            throw new BadInputException(npz + ": not a numpy .npz archive (" + e.getMessage() + ")", e);
        }
        try {
            if (Files.size(npz) > MAX_PCA_BYTES) {
                throw new ModelException(npz + ": " + Files.size(npz) + " bytes: too large for VGGish PCA parameters");
            }
            VggishPostprocessor.fromNpz(Files.readAllBytes(npz), npz.toString());
        } catch (IOException e) {
            throw new BadInputException(npz + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Checks {@code npz} ({@link #checkPca}) and installs it as {@link #VGGISH_PCA_FILE} in {@code dir}. */
    public static Path installPca(Path npz, Path dir) {
        checkPca(npz);
        return install(npz, dir, VGGISH_PCA_FILE);
    }
}
