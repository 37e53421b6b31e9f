package dev.hark.models.catalog;

import java.nio.file.Path;

/**
 * The user's own model directory, where imported models are registered (e.g. {@code vggish.onnx}).
 * Resolved from the system property {@code hark.models.home}, else the environment variable
 * {@code HARK_MODELS_DIR}, else {@code ~/.hark/models}.
 */
public final class UserModelDir {
    public static final String PROPERTY = "hark.models.home";
    public static final String ENVIRONMENT = "HARK_MODELS_DIR";

    private UserModelDir() {
    }

    public static Path resolve() {
        return HarkHome.directory(PROPERTY, ENVIRONMENT, "models");
    }
}
