package dev.hark.bench;

import dev.hark.app.ExitCodes;
import dev.hark.core.dataset.Clip;
import dev.hark.core.dataset.Dataset;
import dev.hark.errors.BadInputException;
import dev.hark.models.head.Algorithm;
import dev.hark.models.head.Pooling;
import dev.hark.models.train.ClipFeaturizer;
import dev.hark.models.train.EmbeddingCache;
import dev.hark.models.train.FeatureExtractor;
import dev.hark.models.train.Featurizers;
import dev.hark.models.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code hark-bench learn}: the transfer-learning speed figures on a data set: feature extraction with an empty
 * cache (cold) and again with the filled cache (warm), then training the classifier on the cached features. The
 * options are those of {@code hark train} with its defaults (ClassifierOptions and FeatureOptions in the app, which
 * are the app's own; kept equal by hand).
 */
@Command(name = "learn", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time feature extraction of a data set cold (fresh cache) and warm, and training on the "
                + "cached features (hark train's options and defaults)."})
final class LearnBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Data set directory.")
    Path dataset;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N clips (default: all).")
    int limit;

    @Option(names = "--warm-only", description = "Skip the cold run: use the normal feature cache (--cache) as it is.")
    boolean warmOnly;

    @Option(names = "--features", defaultValue = "yamnet", paramLabel = "FEATURES",
            description = "yamnet, vggish, mfcc or the path of an .onnx embedding model (default: ${DEFAULT-VALUE}).")
    String features;

    @Option(names = "--algorithm", defaultValue = "logistic", paramLabel = "ALGORITHM",
            description = "logistic, svm, knn, forest or mlp (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "A hyper-parameter of the algorithm (repeatable).")
    List<String> options = new ArrayList<>();

    @Option(names = "--pooling", defaultValue = "none", paramLabel = "POOLING",
            description = "mean, mean+std or none (default: ${DEFAULT-VALUE}); MFCC features are pooled by mean.")
    String pooling;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--hop", paramLabel = "FRAMES",
            description = "Patch hop in 10 ms frames (default: the model's own, YAMNet 48, VGGish 96).")
    int hopFrames;

    @Option(names = "--threads", paramLabel = "N", description = "Model (ONNX Runtime) threads; default: all cores.")
    int modelThreads;

    @Option(names = "--decode-threads", paramLabel = "N", defaultValue = "1",
            description = "Threads decoding audio ahead of the model (default: ${DEFAULT-VALUE}).")
    int decodeThreads;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "The feature cache --warm-only reads (default: $HARK_CACHE_DIR or ~/.hark/cache).")
    Path cacheDir;

    /** CPU time of the whole process (all threads), so figures taken on a loaded machine still mean something. */
    static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    @Override
    public Integer call() throws IOException {
        if (hopFrames < 0 || hopFrames > 96 || modelThreads < 0 || decodeThreads < 1 || decodeThreads > 64
                || limit < 0) {
            throw new BadInputException("--hop must be in [1, 96] frames, --threads and --limit positive, "
                    + "--decode-threads in [1, 64]");
        }
        Algorithm algo = Algorithm.parse(algorithm);
        Map<String, String> validatedOptions = algo.options(options);
        PrintWriter o = spec.commandLine().getOut();
        Dataset ds = Dataset.open(dataset);
        List<Clip> clips = limit > 0 && limit < ds.clips().size() ? ds.clips().subList(0, limit) : ds.clips();
        o.printf(Locale.ROOT, "%s; benchmarking %d clips on %d cores%n", ds, clips.size(),
                Runtime.getRuntime().availableProcessors());
        Path tempCache = warmOnly ? null : Files.createTempDirectory("hark-bench-cache");
        try (ClipFeaturizer f = Featurizers.open(features, hopFrames, modelThreads)) {
            EmbeddingCache cache = new EmbeddingCache(warmOnly
                    ? (cacheDir != null ? cacheDir : EmbeddingCache.defaultDir()) : tempCache);
            Pooling pool = f.settings().isMfcc() ? Pooling.MEAN : Pooling.parse(pooling);
            o.println("features: " + f.settings().withPooling(pool).describe() + "; decode threads "
                    + decodeThreads);
            if (!warmOnly) {
                long t0 = System.nanoTime();
                long c0 = cpuNanos();
                FeatureExtractor.Result cold = new FeatureExtractor(f, cache, decodeThreads).extract(clips, null);
                double coldSeconds = (System.nanoTime() - t0) / 1e9;
                double audioSeconds = 0;
                for (var c : cold.clips()) {
                    audioSeconds += c.patchStartSeconds()[c.patchStartSeconds().length - 1] + 0.96;
                }
                o.printf(Locale.ROOT, "cold: %d clips in %.1f s wall, %.1f s CPU (%.1f clips/s, about %.0f x real "
                        + "time), %d skipped%n", cold.clips().size(), coldSeconds, (cpuNanos() - c0) / 1e9,
                        cold.clips().size() / coldSeconds, audioSeconds / coldSeconds, cold.failures().size());
            }
            long t1 = System.nanoTime();
            long c1 = cpuNanos();
            FeatureExtractor.Result warm = new FeatureExtractor(f, cache, decodeThreads).extract(clips, null);
            o.printf(Locale.ROOT, "warm: %d clips in %.2f s wall, %.2f s CPU (%d from cache)%n", warm.clips().size(),
                    (System.nanoTime() - t1) / 1e9, (cpuNanos() - c1) / 1e9, warm.cacheHits());
            long t2 = System.nanoTime();
            long c2 = cpuNanos();
            Trainer.trainClipModel(warm.clips(), pool, algo, validatedOptions, ds.labels().size(), seed);
            o.printf(Locale.ROOT, "train: %s, pooling %s, on %d clips in %.2f s wall, %.2f s CPU%n",
                    algo.cliName() + " " + validatedOptions + ", seed " + seed, pool.cliName(), warm.clips().size(),
                    (System.nanoTime() - t2) / 1e9, (cpuNanos() - c2) / 1e9);
        } finally {
            if (tempCache != null) {
                try (Stream<Path> s = Files.walk(tempCache)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
        return ExitCodes.OK;
    }
}
