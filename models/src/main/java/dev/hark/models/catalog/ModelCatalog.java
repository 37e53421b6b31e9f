package dev.hark.models.catalog;

import dev.hark.core.frontend.FrontEndVariant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The models Hark knows, with the checksums of their published files. */
public final class ModelCatalog {
    /** How to get the files that the build packs into the jar. */
    static final String YAMNET_HOW = "build Hark with ../shared/models/yamnet beside the project root "
            + "(mvn -q -DskipTests package packs it into the jar), or put the file into the user model directory, "
            + "or pass --model PATH";

    public static final KnownModel YAMNET = new KnownModel(
            "yamnet",
            new ModelFile("yamnet.onnx", "24abd0f057f55a56e5189a28f3d0fbcadcf39356724df99275396cd888411ce9", true,
                    YAMNET_HOW),
            List.of(new ModelFile("yamnet_class_map.csv",
                    "cdf24d193e196d9e95912a2667051ae203e92a2ba09449218ccb40ef787c6df2", true, YAMNET_HOW)),
            FrontEndVariant.YAMNET,
            "log_mel_patch",
            List.of("scores", "embedding"),
            1024,
            "yamnet_class_map.csv");

    public static final KnownModel VGGISH = new KnownModel(
            "vggish",
            new ModelFile("vggish.onnx", null, true,
                    "import Google's VGGish with 'hark models import-vggish vggish_model.ckpt' (Google's "
                            + "TensorFlow checkpoint) or 'hark models import-vggish vggish-10086976.pth' (the "
                            + "PyTorch port)"),
            List.of(new ModelFile("vggish_pca_params.npz",
                    "4d878af3e306defbfb37095365aa7e5a6cecb86bad13e859e626151c4e6a8b9d", false,
                    "build Hark with ../shared/models/vggish beside the project root, or put Google's "
                            + "vggish_pca_params.npz beside vggish.onnx")),
            FrontEndVariant.VGGISH,
            null,
            List.of(),
            128,
            null);

    private static final List<KnownModel> ALL = List.of(YAMNET, VGGISH);

    private ModelCatalog() {
    }

    public static List<KnownModel> all() {
        return ALL;
    }

    /** The model with this command-line name (case-insensitive), if known. */
    public static Optional<KnownModel> byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(m -> m.name().equals(n)).findFirst();
    }

    /** The catalogue entry that has a file of this name (e.g. {@code yamnet.onnx}), if any. */
    public static Optional<ModelFile> fileNamed(String fileName) {
        return ALL.stream().flatMap(m -> m.files().stream()).filter(f -> f.fileName().equals(fileName)).findFirst();
    }
}
