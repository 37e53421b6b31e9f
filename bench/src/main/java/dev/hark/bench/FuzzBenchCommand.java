package dev.hark.bench;

import dev.hark.core.io.Npy;
import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hark-bench fuzz}: the long run of the fuzz test that CI runs briefly ({@link Fuzzer}): N mutated files per
 * format from one seed, the outcomes per format, and every file that broke the bad-input contract (kept on disk).
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Fuzz the readers of user files (audio, npy, pth, TFLite, TensorFlow checkpoints, ONNX "
                + "embedders, .hark bundles) with seeded mutations: outcomes and peak memory per format, and every "
                + "file that gave a trace, a wrong exit code, a hang or too much memory.")
final class FuzzBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--files", defaultValue = "1000", paramLabel = "N", description = "Mutated files per format (default 1000).")
    int files;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the mutations (default 1).")
    long seed;

    @Option(names = "--timeout-ms", defaultValue = "10000", paramLabel = "MS",
            description = "Longest time one file may take (default 10000).")
    long timeoutMillis;

    @Option(names = "--shared", defaultValue = "../shared", paramLabel = "DIR",
            description = "The shared directory with the Ogg, .pth and TFLite seed files (default ../shared).")
    Path shared;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where failing files are kept (default: a new temporary directory).")
    Path dir;

    @Option(names = "--formats", split = ",", paramLabel = "F,...",
            description = "Only these formats (default: all): WAV, RF64, FLAC, OGG, MP3, NPY, PTH, TFLITE, CKPT, ONNX, BUNDLE.")
    java.util.Set<Fuzzer.Format> formats;

    @Option(names = "--max-rss-mb", paramLabel = "MB",
            description = "A file during which the process's resident memory peaks above this fails (default: no limit).")
    Long maxRssMb;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (files < 1 || files > 10_000_000) {
            throw new BadInputException("bad value for --files: " + files + " (expected 1 to 10000000)");
        }
        if (timeoutMillis < 100) {
            throw new BadInputException("bad value for --timeout-ms: " + timeoutMillis + " (expected at least 100)");
        }
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("hark-fuzz");
        if (maxRssMb != null && maxRssMb < 1) {
            throw new BadInputException("bad value for --max-rss-mb: " + maxRssMb + " (expected at least 1)");
        }
        Map<Fuzzer.Format, byte[]> seeds = seeds(shared, work, out);
        if (formats != null) {
            seeds.keySet().retainAll(formats);
        }
        Fuzzer.Report r;
        try (Fuzzer f = new Fuzzer(work, seeds, timeoutMillis, maxRssMb == null ? Long.MAX_VALUE : maxRssMb << 20)) {
            r = f.run(files, seed);
        }
        out.printf(Locale.ROOT, "fuzz: seed %d, %d files per format, timeout %d ms per file%s; %s%n", seed, files,
                timeoutMillis, maxRssMb == null ? "" : ", resident memory at most " + maxRssMb + " MB",
                "machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average "
                        + Machine.loadAverage() + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB");
        print(out, r);
        if (dir == null && r.failures().isEmpty()) {
            for (Path p : r.libraryStdoutFiles()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(work);
        }
        return r.failures().isEmpty() ? 0 : 1;
    }

    static void print(PrintWriter out, Fuzzer.Report r) {
        for (Map.Entry<Fuzzer.Format, Map<Fuzzer.Outcome, Integer>> e : r.counts().entrySet()) {
            Map<Fuzzer.Outcome, Integer> c = e.getValue();
            out.printf(Locale.ROOT, "%-7s %7d files in %6.1f s: %6d read, %6d bad input (exit 2), %6d model problem (exit 3), "
                    + "%d failures; peak heap %s, resident %s%n", e.getKey(), c.values().stream().mapToInt(Integer::intValue).sum(),
                    r.secondsPerFormat().get(e.getKey()), c.getOrDefault(Fuzzer.Outcome.OK, 0),
                    c.getOrDefault(Fuzzer.Outcome.BAD_INPUT, 0), c.getOrDefault(Fuzzer.Outcome.MODEL_PROBLEM, 0),
                    c.getOrDefault(Fuzzer.Outcome.FAILURE, 0), megabytes(r.peakHeapBytes().get(e.getKey())),
                    megabytes(r.peakRssBytes().get(e.getKey())));
        }
        out.printf(Locale.ROOT, "total   %7d files in %.1f s (%.0f files/s), %d failures%n", r.files(), r.seconds(),
                r.files() / r.seconds(), r.failures().size());
        out.printf(Locale.ROOT, "library console output: %d files made a library print %d bytes to System.out "
                + "(hark discards it; kept for inspection)%n", r.libraryStdoutFiles().size(), r.libraryStdoutBytes());
        for (Fuzzer.Failure f : r.failures()) {
            out.println("FAILED " + f.format() + " " + f.file() + ": " + f.problem());
        }
    }

    private static String megabytes(Long bytes) {
        return bytes == null || bytes < 0 ? "?" : String.format(Locale.ROOT, "%d MB", Math.round(bytes / 1e6));
    }

    /**
     * A seed per format: WAV and RF64 made here, FLAC and MP3 by sox (skipped without it), the bundle trained here,
     * the ONNX embedder imported here from the mini VGGish {@code .pth}, the others from DIR.
     */
    static Map<Fuzzer.Format, byte[]> seeds(Path shared, Path work, PrintWriter out) throws IOException {
        Map<Fuzzer.Format, byte[]> seeds = new EnumMap<>(Fuzzer.Format.class);
        seeds.put(Fuzzer.Format.WAV, Fuzzer.wav(false));
        seeds.put(Fuzzer.Format.RF64, Fuzzer.wav(true));
        Path wav = work.resolve("seed.wav");
        Files.write(wav, seeds.get(Fuzzer.Format.WAV));
        for (Fuzzer.Format f : new Fuzzer.Format[] {Fuzzer.Format.FLAC, Fuzzer.Format.MP3}) {
            Path coded = work.resolve("seed." + f.name().toLowerCase(Locale.ROOT));
            if (sox(wav, coded)) {
                seeds.put(f, Files.readAllBytes(coded));
                Files.delete(coded);
            } else {
                out.println("fuzz: sox could not make a " + f + " seed: " + f + " skipped");
            }
        }
        Files.delete(wav);
        Path npy = work.resolve("seed.npy");
        float[] values = new float[6 * 64];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i);
        }
        Npy.write(npy, new int[] {6, 64}, values);
        seeds.put(Fuzzer.Format.NPY, Files.readAllBytes(npy));
        Files.delete(npy);
        putIfPresent(seeds, Fuzzer.Format.OGG, shared.resolve("datasets/esc50-dev/audio/1-100032-A-0.ogg"), out);
        putIfPresent(seeds, Fuzzer.Format.PTH, shared.resolve("models/vggish/testing/vggish_mini_random.pth"), out);
        putIfPresent(seeds, Fuzzer.Format.TFLITE, shared.resolve("models/yamnet/source/yamnet_tfhub_dynrange_int8.tflite"), out);
        putIfPresent(seeds, Fuzzer.Format.CKPT, shared.resolve("models/vggish/testing/vggish_mini_random.ckpt"), out);
        Path pth = shared.resolve("models/vggish/testing/vggish_mini_random.pth");
        if (Files.isRegularFile(pth)) {
            seeds.put(Fuzzer.Format.ONNX, ModelFormats.onnxSeed(pth, work));
        } else {
            out.println("fuzz: no seed " + pth + ": ONNX skipped");
        }
        seeds.put(Fuzzer.Format.BUNDLE, ModelFormats.bundleSeed(work));
        return seeds;
    }

    private static void putIfPresent(Map<Fuzzer.Format, byte[]> seeds, Fuzzer.Format f, Path file, PrintWriter out)
            throws IOException {
        if (Files.isRegularFile(file)) {
            seeds.put(f, Files.readAllBytes(file));
        } else {
            out.println("fuzz: no seed " + file + ": " + f + " skipped");
        }
    }

    private static boolean sox(Path in, Path out) {
        try {
            Process p = new ProcessBuilder("sox", in.toString(), out.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.isRegularFile(out);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
