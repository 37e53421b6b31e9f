package dev.hark.app;

import dev.hark.config.HopSeconds;
import dev.hark.config.ModelDefaults;
import dev.hark.core.io.AtomicFile;
import dev.hark.core.io.IoFailures;
import dev.hark.errors.BadInputException;
import dev.hark.models.train.EmbeddingCache;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that extract features (embed, train, evaluate, cluster): the model, its hop and
 * threads, and the feature cache. {@code --model}, {@code --hop} and {@code --threads} mean what they mean in
 * {@code classify} and {@code listen}.
 */
public final class FeatureOptions {
    @Option(names = {"--model", "--features"}, paramLabel = "MODEL",
            description = "yamnet, vggish, mfcc or the path of an .onnx embedding model (default: " + ModelDefaults.MODEL
                    + "; --features is the old name).")
    String model;

    @Option(names = "--hop", paramLabel = "SECONDS",
            description = "Time between patch starts, a multiple of 0.01 s, at most 0.96 (default: the model's own, "
                    + "YAMNet 0.48, VGGish 0.96).")
    Double hopSeconds;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "" + ModelDefaults.THREADS,
            description = "Model (ONNX Runtime) threads; 0: every core (default: ${DEFAULT-VALUE}).")
    int modelThreads;

    @Option(names = "--decode-threads", paramLabel = "N", defaultValue = "" + ModelDefaults.DECODE_THREADS,
            description = "Threads decoding audio and computing the front end ahead of the model; 0: one per core "
                    + "(default: ${DEFAULT-VALUE}).")
    int decodeThreads;

    /** The decode workers to start ({@code --decode-threads}, 0 resolved to the number of cores). */
    public int decodeWorkers() {
        return ModelDefaults.resolveThreads(decodeThreads);
    }

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Feature cache directory (default: $HARK_CACHE_DIR or ~/.hark/cache).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Neither read nor write the feature cache.")
    boolean noCache;

    /** The model named, or the default. */
    String model() {
        return model != null ? model : ModelDefaults.MODEL;
    }

    /** Whether {@code --model} was given. */
    boolean modelGiven() {
        return model != null;
    }

    /** The hop in frames, 0 for the model's own. */
    int hopFrames() {
        return hopSeconds == null ? 0 : HopSeconds.toFrames("--hop", hopSeconds, HopSeconds.MAX_FEATURE_HOP_SECONDS);
    }

    public EmbeddingCache cache() {
        return noCache ? null : new EmbeddingCache(cacheDir != null ? cacheDir : EmbeddingCache.defaultDir());
    }

    /** Checks every value (and that the cache directory can be written) before any model is opened. */
    void validate() {
        hopFrames();
        ModelDefaults.checkThreads("--threads", modelThreads);
        ModelDefaults.checkDecodeThreads("--decode-threads", decodeThreads);
        if (cacheDir != null && !noCache) {
            try {
                AtomicFile.checkDirectory(cacheDir);
            } catch (IOException e) {
                throw new BadInputException("cannot use the feature cache --cache " + cacheDir + ": "
                        + IoFailures.reason(e), e);
            }
        }
        if (model != null && model.strip().toLowerCase(java.util.Locale.ROOT).endsWith(".hark")) {
            throw new BadInputException("--model " + model + ": --model names the embedding model; "
                    + "a trained .hark bundle goes to --classifier");
        }
    }
}
