package dev.hark.app;

import dev.hark.models.train.EmbeddingCache;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that extract features: cache, threads, hop. */
final class FeatureOptions {
    @Option(names = "--hop", paramLabel = "FRAMES",
            description = "Patch hop in 10 ms frames (default: the model's own, YAMNet 48, VGGish 96).")
    int hopFrames;

    @Option(names = "--threads", paramLabel = "N",
            description = "Model (ONNX Runtime) threads; default: all cores.")
    int modelThreads;

    @Option(names = "--decode-threads", paramLabel = "N", defaultValue = "1",
            description = "Threads decoding audio and computing the front end ahead of the model (default: ${DEFAULT-VALUE}).")
    int decodeThreads;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Feature cache directory (default: $HARK_CACHE_DIR or ~/.hark/cache).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Neither read nor write the feature cache.")
    boolean noCache;

    EmbeddingCache cache() {
        return noCache ? null : new EmbeddingCache(cacheDir != null ? cacheDir : EmbeddingCache.defaultDir());
    }

    void validate() {
        if (hopFrames < 0 || hopFrames > 96) {
            throw new dev.hark.errors.BadInputException("--hop: expected 1..96 frames, got " + hopFrames);
        }
        if (modelThreads < 0 || decodeThreads < 1 || decodeThreads > 64) {
            throw new dev.hark.errors.BadInputException("--threads / --decode-threads: expected a positive count");
        }
    }
}
