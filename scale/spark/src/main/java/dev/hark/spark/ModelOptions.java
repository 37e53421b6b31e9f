package dev.hark.spark;

import dev.hark.config.HopSeconds;
import dev.hark.config.ModelDefaults;
import picocli.CommandLine.Option;

/** The features to compute: {@code --model}, {@code --hop} and {@code --threads}, meaning what they mean in hark. */
final class ModelOptions {
    @Option(names = {"--model", "--features"}, paramLabel = "MODEL",
            description = "yamnet, vggish, mfcc or the path of an .onnx embedding model, shipped to the executors "
                    + "(default: " + ModelDefaults.MODEL + ").")
    String model = ModelDefaults.MODEL;

    @Option(names = "--hop", paramLabel = "SECONDS",
            description = "Time between patch starts, a multiple of 0.01 s, at most 0.96 (default: the model's own).")
    Double hopSeconds;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "" + ModelDefaults.THREADS,
            description = "ONNX Runtime threads per task; 0: every core (default: ${DEFAULT-VALUE}). Each task "
                    + "(one per executor core) runs its own clips on the executor's one shared session.")
    int threads;

    /** The hop in frames (0: the model's own), checked. */
    int hopFrames() {
        return hopSeconds == null ? 0 : HopSeconds.toFrames("--hop", hopSeconds, HopSeconds.MAX_FEATURE_HOP_SECONDS);
    }

    void validate() {
        hopFrames();
        ModelDefaults.checkThreads("--threads", threads);
    }
}
