package dev.hark.bench;

import dev.hark.config.Bounds;
import dev.hark.app.ExitCodes;
import dev.hark.app.Hark;
import dev.hark.config.ModelDefaults;
import dev.hark.core.audio.WavWriter;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code hark-bench embed}: embedding throughput (patches per second, one thread and all cores, batch 1 and
 * batched), the real-time factor of {@code hark classify} on a long synthetic file (wall time / audio
 * duration), and the cold start of {@code hark classify short.wav} in a fresh JVM (through the {@code hark} launcher
 * beside hark.jar, as a user runs it; {@code java -jar hark.jar} where there is none).
 */
@Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Embedding speed: patches/s on one thread and on all cores, classify's real-time factor on a "
                + "long file, and the cold start of classify in a new JVM (it needs hark.jar)."})
final class EmbedBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", defaultValue = ModelDefaults.MODEL, paramLabel = "yamnet|vggish|PATH",
            description = "Model to measure (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--seconds", defaultValue = "5", description = "Measured time per configuration (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup-seconds", defaultValue = "1", description = "Warm-up per configuration (default ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--batch", defaultValue = "32", description = "Batch size of the batched runs (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--file-seconds", defaultValue = "300",
            description = "Length of the synthetic file classify runs on (default ${DEFAULT-VALUE}: 5 minutes; 0 skips).")
    int fileSeconds;

    @Option(names = "--cold-runs", defaultValue = "3",
            description = "Fresh-JVM runs of 'classify short.wav' (default ${DEFAULT-VALUE}; 0 skips; needs hark.jar).")
    int coldRuns;

    private static volatile float sink;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Bounds.check("--seconds", seconds, 0.01, 600);
        Bounds.check("--warmup-seconds", warmupSeconds, 0, 600);
        Bounds.check("--batch", batch, 1, 1024);
        Bounds.check("--file-seconds", fileSeconds, 0, 36_000);
        Bounds.check("--cold-runs", coldRuns, 0, 20);
        PrintWriter out = spec.commandLine().getOut();
        int cores = Embedders.allCores();
        out.printf(Locale.ROOT, "embed benchmark: model %s; machine: %d cores, load average %s "
                + "(figures taken on a busy machine are lower bounds)%n", model, cores, Machine.loadAverage());
        out.flush();
        float[][][] patches = patches(Math.max(batch, 1));
        List<int[]> configs = new ArrayList<>(List.of(new int[] {1, 1}, new int[] {1, batch}));
        if (cores > 1) {
            configs.add(new int[] {cores, 1});
            configs.add(new int[] {cores, batch});
        }
        for (int[] c : configs) {
            try (Embedder e = Embedders.open(model, c[0])) {
                float[][][] in = Arrays.copyOf(patches, c[1]);
                run(e, in, warmupSeconds);
                long[] r = run(e, in, seconds);
                double s = r[1] / 1e9;
                out.printf(Locale.ROOT, "  %d thread%s, batch %3d: %8.1f patches/s  (%.2f ms per patch; %d patches in %.2f s)%n",
                        c[0], c[0] == 1 ? " " : "s", c[1], r[0] / s, 1000 * s / r[0], r[0], s);
                out.flush();
            }
        }
        Path dir = Files.createTempDirectory("hark-bench-embed");
        try {
            if (fileSeconds > 0) {
                classifyRealTimeFactor(dir, out);
            }
            if (coldRuns > 0) {
                coldStart(dir, out);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
        return ExitCodes.OK;
    }

    private void classifyRealTimeFactor(Path dir, PrintWriter out) {
        Path wav = dir.resolve("long.wav");
        WavWriter.writePcm16(wav, audio(fileSeconds * FrontEndParams.SAMPLE_RATE_HZ), FrontEndParams.SAMPLE_RATE_HZ);
        StringWriter err = new StringWriter();
        PrintWriter nul = new PrintWriter(Writer.nullWriter());
        long t0 = System.nanoTime();
        int code = Hark.run(new String[] {"classify", "--model", model, "--threads", "0", "--format", "jsonl", wav.toString()}, nul,
                new PrintWriter(err));
        double wall = (System.nanoTime() - t0) / 1e9;
        if (code != 0) {
            throw new IllegalStateException("classify failed on the benchmark file: " + err);
        }
        out.printf(Locale.ROOT, "  classify, %d s file (all cores, batch %d, incl. decoding and model load): %.2f s wall, "
                + "real-time factor %.4f (%.0fx faster than real time)%n", fileSeconds, 32, wall, wall / fileSeconds,
                fileSeconds / wall);
        out.flush();
    }

    private void coldStart(Path dir, PrintWriter out) throws IOException, InterruptedException {
        Path jar = runnableHarkJar();
        if (jar == null) {
            out.println("  cold start: skipped (the hark command is not loaded from hark.jar)");
            return;
        }
        Path wav = dir.resolve("short.wav");
        WavWriter.writePcm16(wav, audio(2 * FrontEndParams.SAMPLE_RATE_HZ), FrontEndParams.SAMPLE_RATE_HZ);
        // as a user runs it: the hark launcher beside the jar (its JVM flags, its class-data-sharing archive), else
        // a plain java -jar when the jar has no launcher beside it
        Path launcher = jar.resolveSibling("hark");
        List<String> command = new ArrayList<>();
        if (Files.isRegularFile(launcher) && Files.isExecutable(launcher)) {
            command.add(launcher.toString());
        } else {
            command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toString()));
        }
        String shown = command.size() == 1 ? "hark" : "java -jar " + jar.getFileName();
        command.addAll(List.of("classify", "--model", model, wav.toString()));
        double[] wall = new double[coldRuns];
        for (int i = 0; i < coldRuns; i++) {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().remove("HARK_JAVA_OPTS");
            Process p = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long t0 = System.nanoTime();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("cold classify run took over 60 s");
            }
            wall[i] = (System.nanoTime() - t0) / 1e9;
            if (p.exitValue() != 0) {
                throw new IllegalStateException("cold classify run exited with " + p.exitValue());
            }
        }
        double[] sorted = wall.clone();
        Arrays.sort(sorted);
        out.printf(Locale.ROOT, "  cold start, %s classify short.wav (2 s): min %.2f s, median %.2f s over %d runs%n",
                shown, sorted[0], sorted[sorted.length / 2], coldRuns);
        out.flush();
    }

    /**
     * The runnable jar the hark command is loaded from (hark.jar, on this tool's class path), or null when it is
     * loaded from classes or a library jar (as in tests): a fresh JVM can only be started from a runnable jar.
     */
    private static Path runnableHarkJar() {
        try {
            Path p = Path.of(Hark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(p) || !p.toString().endsWith(".jar")) {
                return null;
            }
            try (JarFile jar = new JarFile(p.toFile())) {
                Manifest m = jar.getManifest();
                boolean runnable = m != null && Hark.class.getName().equals(m.getMainAttributes().getValue("Main-Class"));
                return runnable ? p : null;
            }
        } catch (URISyntaxException | SecurityException | IOException | UncheckedIOException e) {
            return null;
        }
    }

    /** Runs {@code in} through the embedder for about {@code seconds}; returns {patches, nanos}. */
    private static long[] run(Embedder e, float[][][] in, double seconds) {
        long budget = (long) (seconds * 1e9);
        long start = System.nanoTime();
        long n = 0;
        long elapsed;
        do {
            sink += e.embed(in).embeddings()[0][0];
            n += in.length;
            elapsed = System.nanoTime() - start;
        } while (elapsed < budget);
        return new long[] {n, elapsed};
    }

    /** Log-mel-like patches (values of a quiet room to a loud sound), seeded. */
    private static float[][][] patches(int n) {
        SplittableRandom r = new SplittableRandom(7);
        float[][][] p = new float[n][FrontEndParams.PATCH_FRAMES][FrontEndParams.MEL_BANDS];
        for (float[][] patch : p) {
            for (float[] row : patch) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (float) (-6 + 6 * r.nextDouble());
                }
            }
        }
        return p;
    }

    /** Tones and noise bursts, seeded. */
    private static float[] audio(int n) {
        SplittableRandom r = new SplittableRandom(99);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            double t = i / (double) FrontEndParams.SAMPLE_RATE_HZ;
            double tone = ((int) t) % 3 == 0 ? 0.3 * Math.sin(2 * Math.PI * (300 + 50 * ((int) t % 7)) * t) : 0;
            a[i] = (float) (tone + 0.02 * (r.nextDouble() * 2 - 1));
        }
        return a;
    }
}
