package dev.hark.models.importer;

import dev.hark.config.BadInputException;
import dev.hark.config.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Puts imported models where the embedders look for them: the user model directory
 * ({@link dev.hark.models.UserModelDir}), as {@code vggish.onnx} and {@code vggish_pca_params.npz}.
 */
public final class ModelRegistration {
    public static final String VGGISH_FILE = "vggish.onnx";
    public static final String VGGISH_PCA_FILE = "vggish_pca_params.npz";

    private ModelRegistration() {
    }

    /** Copies {@code model} to {@code dir/fileName} (atomically) unless it already is that file; returns the target. */
    public static Path install(Path model, Path dir, String fileName) {
        Path target = dir.resolve(fileName).toAbsolutePath().normalize();
        if (target.equals(model.toAbsolutePath().normalize())) {
            return target;
        }
        AtomicOutput.copy(model, target);
        return target;
    }

    /**
     * Checks that {@code npz} looks like Google's VGGish PCA parameters: a numpy .npz holding
     * {@code pca_eigen_vectors} and {@code pca_means}.
     */
    public static void checkPca(Path npz) {
        if (!Files.isRegularFile(npz)) {
            throw new BadInputException(npz + ": no such file");
        }
        try (ZipFile z = new ZipFile(npz.toFile())) {
            for (String name : new String[] {"pca_eigen_vectors.npy", "pca_means.npy"}) {
                ZipEntry e = z.getEntry(name);
                if (e == null) {
                    throw new ModelException(npz + ": no " + name + " inside: not VGGish PCA parameters");
                }
            }
        } catch (IOException e) {
            throw new BadInputException(npz + ": not a numpy .npz archive (" + e.getMessage() + ")", e);
        }
    }

    /** Checks {@code npz} ({@link #checkPca}) and installs it as {@link #VGGISH_PCA_FILE} in {@code dir}. */
    public static Path installPca(Path npz, Path dir) {
        checkPca(npz);
        return install(npz, dir, VGGISH_PCA_FILE);
    }
}
