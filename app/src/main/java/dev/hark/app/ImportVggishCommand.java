package dev.hark.app;

import dev.hark.errors.BadInputException;
import dev.hark.importers.ModelRegistration;
import dev.hark.importers.vggish.VggishImporter;
import dev.hark.models.catalog.UserModelDir;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code hark models import-vggish}: Google's TensorFlow V1 checkpoint or the PyTorch port's state dict -> a
 * verified ONNX graph, registered for {@code --model vggish}.
 */
@Command(
        name = "import-vggish",
        mixinStandardHelpOptions = true,
        description = {
            "Import VGGish weights into a verified ONNX graph: Google's TensorFlow V1 checkpoint (vggish_model.ckpt)",
            "or the PyTorch port's state dict (vggish-10086976.pth). A .pth pickle may only name tensors: any other",
            "Python global is refused, nothing in the file is run.",
            "The graph is checked against a pure-Java forward pass before it is kept."
        })
final class ImportVggishCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WEIGHTS", description = "vggish_model.ckpt (TensorFlow V1 checkpoint) or a .pth PyTorch state dict (zip or legacy serialisation).")
    Path weights;

    @Option(names = "--pca", paramLabel = "NPZ", description = "Google's vggish_pca_params.npz, registered beside the model for post-processing.")
    Path pca;

    @Option(names = "--port-relu", description = "Add the PyTorch port's ReLU after the last layer (off: Google's definition, which the PCA parameters describe).")
    boolean portRelu;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the ONNX graph (default: vggish.onnx in the user model directory).")
    Path out;

    @Option(names = "--register", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Copy the model (and --pca) into the user model directory so that --model vggish finds it (default: ${DEFAULT-VALUE}).")
    boolean register;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        Path dir = UserModelDir.resolve();
        if (out == null && !register) {
            throw new BadInputException("import-vggish: --no-register needs --out FILE (otherwise nothing would be kept)");
        }
        if (pca != null && !register) {
            throw new BadInputException("import-vggish: --pca is registered beside the model; it has no effect with --no-register");
        }
        if (pca != null) {
            ModelRegistration.checkPca(pca);
        }
        Path target = out != null ? out : dir.resolve(ModelRegistration.VGGISH_FILE);
        VggishImporter.Result r = VggishImporter.importFile(weights, new VggishImporter.Options(target, portRelu));
        o.printf(Locale.ROOT, "Read %s (%s): sha256 %s%n", weights, r.sourceFormat(), r.sourceSha256());
        o.printf(Locale.ROOT, "VGGish %s; %,d parameters; final layer: %s%n", r.weights().describe(),
                r.weights().parameterCount(), portRelu ? "ReLU (PyTorch port)" : "no activation (Google's definition)");
        o.printf(Locale.ROOT, "Verified: ONNX Runtime vs pure-Java forward pass on a fixed patch: relative error %.2e"
                + " (tolerance %.0e)%n", r.relativeError(), VggishImporter.TOLERANCE);
        o.printf(Locale.ROOT, "Wrote %s (%,d bytes, opset 13) in %.1f s (read %.1f s, build %.1f s, verify %.1f s)%n",
                r.output(), r.outputBytes(), (r.readMillis() + r.writeMillis() + r.verifyMillis()) / 1000.0,
                r.readMillis() / 1000.0, r.writeMillis() / 1000.0, r.verifyMillis() / 1000.0);
        if (register) {
            Path model = ModelRegistration.install(r.output(), dir, ModelRegistration.VGGISH_FILE);
            o.printf("Registered: %s (--model vggish uses it)%n", model);
            if (pca != null) {
                Path p = ModelRegistration.installPca(pca, dir);
                o.printf("Registered PCA post-processing parameters: %s%n", p);
            }
        }
        o.flush();
        return ExitCodes.OK;
    }
}
