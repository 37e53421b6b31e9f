package dev.hark.bench;

import dev.hark.config.Bounds;
import dev.hark.app.ClassifierOptions;
import dev.hark.app.ExitCodes;
import dev.hark.app.Extraction;
import dev.hark.app.FeatureOptions;
import dev.hark.app.Progress;
import dev.hark.core.dataset.Clip;
import dev.hark.core.dataset.Dataset;
import dev.hark.errors.BadInputException;
import dev.hark.models.head.Pooling;
import dev.hark.models.train.ClipFeaturizer;
import dev.hark.models.train.EmbeddingCache;
import dev.hark.models.train.FeatureExtractor;
import dev.hark.models.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    /** The most clips {@code --limit} may name. */
    static final int MAX_LIMIT = 10_000_000;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N clips (default: all).")
    int limit;

    @Option(names = "--warm-only", description = "Skip the cold run: use the normal feature cache (--cache) as it is.")
    boolean warmOnly;

    @Mixin
    ClassifierOptions classifier;

    @Mixin
    FeatureOptions featureOptions;

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
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        Bounds.check("--limit", limit, 0, MAX_LIMIT, "0 means every clip");
        Dataset ds = Dataset.open(dataset);
        List<Clip> clips = limit > 0 && limit < ds.clips().size() ? ds.clips().subList(0, limit) : ds.clips();
        o.printf(Locale.ROOT, "%s; benchmarking %d clips on %d cores%n", ds, clips.size(),
                Runtime.getRuntime().availableProcessors());
        Path cacheDir = warmOnly ? null : Files.createTempDirectory("hark-bench-cache");
        try (ClipFeaturizer f = Extraction.open(featureOptions)) {
            EmbeddingCache cache = warmOnly ? featureOptions.cache() : new EmbeddingCache(cacheDir);
            if (cache == null) {
                throw new dev.hark.errors.BadInputException("--warm-only needs the cache (drop --no-cache)");
            }
            Pooling pooling = classifier.pooling(f.settings().isMfcc());
            o.println("features: " + f.settings().withPooling(pooling).describe() + "; decode threads "
                    + featureOptions.decodeWorkers());
            if (!warmOnly) {
                long t0 = System.nanoTime();
                long c0 = cpuNanos();
                FeatureExtractor.Result cold;
                try (Progress p = Progress.start("cold", clips.size(), e)) {
                    cold = new FeatureExtractor(f, cache, featureOptions.decodeWorkers()).extract(clips, p);
                }
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
            FeatureExtractor.Result warm = new FeatureExtractor(f, cache, featureOptions.decodeWorkers()).extract(clips, null);
            o.printf(Locale.ROOT, "warm: %d clips in %.2f s wall, %.2f s CPU (%d from cache)%n", warm.clips().size(),
                    (System.nanoTime() - t1) / 1e9, (cpuNanos() - c1) / 1e9, warm.cacheHits());
            long t2 = System.nanoTime();
            long c2 = cpuNanos();
            Trainer.trainClipModel(warm.clips(), pooling, classifier.algorithm(), classifier.validatedOptions(),
                    ds.labels().size(), classifier.seed);
            o.printf(Locale.ROOT, "train: %s, pooling %s, on %d clips in %.2f s wall, %.2f s CPU%n",
                    classifier.describe(), pooling.cliName(), warm.clips().size(), (System.nanoTime() - t2) / 1e9,
                    (cpuNanos() - c2) / 1e9);
        } finally {
            if (cacheDir != null) {
                try (Stream<Path> s = Files.walk(cacheDir)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
        return ExitCodes.OK;
    }
}
