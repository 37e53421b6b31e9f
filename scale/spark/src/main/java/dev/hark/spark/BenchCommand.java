package dev.hark.spark;

import dev.hark.config.Bounds;
import dev.hark.core.audio.AudioFiles;
import dev.hark.core.audio.Mono16kStream;
import dev.hark.core.dataset.Clip;
import dev.hark.errors.BadInputException;
import dev.hark.models.head.Pooling;
import dev.hark.models.train.ClipFeaturizer;
import dev.hark.models.train.FeatureExtractor;
import dev.hark.models.train.Featurizers;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hark-spark bench}: the scaling benchmark. Embeds the same local corpus with plain {@code hark embed}'s path
 * ({@link FeatureExtractor}, no cache) and with the Spark job on each {@code --masters} entry, interleaved for
 * {@code --rounds} rounds in one JVM after a warm-up, and reports throughput per core and the ratios.
 *
 * <p>A core's throughput is counted by the CPU time the process spent on a run, not by a nominal core count: plain
 * {@code hark embed} decodes on a thread ahead of its model's thread, so on an idle machine it keeps more than one
 * core busy though it is "one process"; dividing its clips by its CPU seconds compares it with Spark's tasks on
 * equal terms (Spark's own threads, the Parquet writer and the collector are in the Spark runs' CPU time).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scaling benchmark: the same corpus through plain 'hark embed' (no cache) and the Spark job on "
                + "local[1], local[2], ...: clips and audio hours per second per core, and the ratios."})
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CorpusInputs inputs;

    @Option(names = "--clips", paramLabel = "N", defaultValue = "0",
            description = "Use the first N clips only (default 0: all).")
    int clips;

    @Option(names = "--masters", paramLabel = "M,M", split = ",", defaultValue = "local[1],local[2]",
            description = "The Spark masters to run (default: ${DEFAULT-VALUE}).")
    List<String> masters;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "1",
            description = "Rounds of every run, interleaved (default: ${DEFAULT-VALUE}); the best of each is reported.")
    int rounds;

    @Option(names = "--pooling", defaultValue = "mean", paramLabel = "POOLING",
            description = "none, mean or mean+std (default: ${DEFAULT-VALUE}).")
    String pooling;

    @Option(names = "--scratch", paramLabel = "DIR",
            description = "Where the Spark runs write their tables (default: a temporary directory, deleted after).")
    Path scratch;

    @Mixin
    ModelOptions model;

    /** One timed run: its wall time and the CPU time the whole process spent meanwhile. */
    record Run(String name, int cores, double seconds, double cpuSeconds) {
        /** Cores kept busy on average. */
        double busy() {
            return cpuSeconds / seconds;
        }
    }

    /** The CPU time of this process so far, in seconds (all threads, the JVM's own included). */
    static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        throw new IllegalStateException("this JVM does not report its process CPU time");
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        Bounds.check("--clips", clips, 0, 100_000_000, "0 means all");
        Bounds.check("--rounds", rounds, 1, 100);
        model.validate();
        Pooling p = Pooling.parse(pooling);
        for (String m : masters) {
            if (!m.matches("local\\[[1-9][0-9]*\\]")) {
                throw new BadInputException("--masters " + m + ": expected local[N] (the benchmark runs on this machine)");
            }
        }
        List<InputClip> all = inputs.select("bench", new Configuration(), o).clips();
        List<InputClip> corpus = clips > 0 && clips < all.size() ? all.subList(0, clips) : all;
        List<Clip> local = new ArrayList<>(corpus.size());
        double audioSeconds = 0;
        for (InputClip c : corpus) {
            Path file = Path.of(URI.create(c.getPath()));
            local.add(new Clip(file, "", 0, 0));
            try (Mono16kStream s = AudioFiles.open16k(file)) {
                audioSeconds += s.info().durationSeconds();
            }
        }
        Path dir = scratch != null ? scratch : Files.createTempDirectory("hark-bench-spark");
        o.printf(Locale.ROOT, "corpus: %d clips, %.3f h of audio; model %s, pooling %s, %d ONNX Runtime thread(s) per "
                + "task; %d cores available%n", corpus.size(), audioSeconds / 3600, model.model, p.cliName(),
                model.threads, Runtime.getRuntime().availableProcessors());
        o.flush();
        List<Run> runs = new ArrayList<>();
        try (ClipFeaturizer plain = Featurizers.open(model.model, model.hopFrames(), model.threads)) {
            List<InputClip> warm = corpus.subList(0, Math.min(8, corpus.size()));
            new FeatureExtractor(plain, null, 1).extract(local.subList(0, warm.size()), null);
            for (String m : masters) {
                spark(m, warm, p, dir.resolve("warm.parquet"));
            }
            for (int round = 1; round <= rounds; round++) {
                long t0 = System.nanoTime();
                double cpu0 = processCpuSeconds();
                FeatureExtractor.Result r = new FeatureExtractor(plain, null, 1).extract(local, null);
                Run plainRun = new Run("plain hark embed", 1, (System.nanoTime() - t0) / 1e9,
                        processCpuSeconds() - cpu0);
                check(r.clips().size() + r.failures().size(), corpus.size(), plainRun.name());
                print(o, round, plainRun, corpus.size());
                runs.add(plainRun);
                for (String m : masters) {
                    Run sr = spark(m, corpus, p, dir.resolve("round" + round + ".parquet"));
                    print(o, round, sr, corpus.size());
                    runs.add(sr);
                }
            }
        } finally {
            if (scratch == null) {
                deleteTree(dir);
            }
        }
        summarise(o, runs, corpus.size(), audioSeconds);
        return 0;
    }

    private Run spark(String master, List<InputClip> corpus, Pooling p, Path table) throws IOException {
        deleteTree(table);
        deleteTree(Path.of(EmbedJob.errorsTableOf(table.toString())));
        double cpu0 = processCpuSeconds();
        SparkSession s = Sessions.open(master);
        try {
            int cores = s.sparkContext().defaultParallelism();
            EmbedJob.Summary sum = EmbedJob.run(s, new EmbedJob.Request(corpus, model.model, model.hopFrames(),
                    model.threads, p, table.toString(), EmbedJob.errorsTableOf(table.toString()), 0), x -> { });
            check(sum.embedded() + sum.errors().size(), corpus.size(), "spark " + master);
            return new Run("spark " + master, cores, sum.seconds(), processCpuSeconds() - cpu0);
        } finally {
            s.stop();
            deleteTree(table);
            deleteTree(Path.of(EmbedJob.errorsTableOf(table.toString())));
        }
    }

    private static void check(long got, int expected, String run) {
        if (got != expected) {
            throw new IllegalStateException(run + " handled " + got + " of " + expected + " clips");
        }
    }

    private static void print(PrintWriter o, int round, Run r, int n) {
        o.printf(Locale.ROOT, "round %d: %-18s %d core(s) %8.2f s wall %8.2f s CPU (%.2f cores busy)  %7.2f clips/s  "
                + "%6.2f clips per CPU s%n", round, r.name(), r.cores(), r.seconds(), r.cpuSeconds(), r.busy(),
                n / r.seconds(), n / r.cpuSeconds());
        o.flush();
    }

    private static void summarise(PrintWriter o, List<Run> runs, int n, double audioSeconds) {
        List<String> names = runs.stream().map(Run::name).distinct().toList();
        o.println("best of each (throughput per core = per CPU second of the process; ratio to plain hark embed):");
        double plainPerCore = 0;
        double local1 = 0;
        for (String name : names) {
            Run best = runs.stream().filter(r -> r.name().equals(name)).min(Comparator.comparingDouble(Run::seconds))
                    .orElseThrow();
            double perCore = n / best.cpuSeconds();
            if (name.startsWith("plain")) {
                plainPerCore = perCore;
            }
            if (name.equals("spark local[1]")) {
                local1 = n / best.seconds();
            }
            o.printf(Locale.ROOT, "  %-18s %8.2f s wall, %.2f cores busy  %6.2f clips/s/core  %.4f audio h/s/core  "
                    + "x%.2f%n", name, best.seconds(), best.busy(), perCore, audioSeconds / 3600 / best.cpuSeconds(),
                    plainPerCore > 0 ? perCore / plainPerCore : 1);
            if (local1 > 0 && !name.equals("spark local[1]") && name.startsWith("spark local[")) {
                o.printf(Locale.ROOT, "  %s / local[1] throughput (wall): x%.2f%n", name, n / best.seconds() / local1);
            }
        }
        o.flush();
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
