package dev.hark.bench;

import dev.hark.app.ExitCodes;
import dev.hark.config.Bounds;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.errors.BadInputException;
import dev.hark.models.embed.Embedder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hark-bench ort-parity}: the same ONNX graph through Hark's embedder and through ONNX Runtime's Node binding
 * (onnxruntime-node, driven by a small script in this module's resources), interleaved, in four configurations (1 and
 * 2 threads, batch 1 and batched): patches per second of each and their ratio, in wall time and per second of the
 * process's CPU time (which other work on a shared machine distorts less: a process waiting for a core uses none).
 */
@Command(name = "ort-parity", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Embedder throughput against ONNX Runtime's own (onnxruntime-node) on the same graph: "
                + "1 and 2 threads x batch 1 and batched, interleaved; patches/s and the ratio Hark / ORT."})
final class OrtParityBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--onnx", defaultValue = "../shared/models/yamnet/yamnet.onnx", paramLabel = "FILE",
            description = "The YAMNet graph both sides run (default ${DEFAULT-VALUE}).")
    Path onnx;

    @Option(names = "--node-modules", required = true, paramLabel = "DIR",
            description = "A directory holding node_modules/onnxruntime-node (npm install onnxruntime-node "
                    + "--ignore-scripts in it).")
    Path nodeModules;

    @Option(names = "--node", defaultValue = "node", paramLabel = "COMMAND",
            description = "The Node.js command (default ${DEFAULT-VALUE}).")
    String node;

    @Option(names = "--seconds", defaultValue = "3", description = "Measured time per side, configuration and round "
            + "(default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup-seconds", defaultValue = "1", description = "Warm-up before each measurement (default "
            + "${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds of A/B pairs; the figures are medians "
            + "(default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--batch", defaultValue = "32", description = "Batch size of the batched runs (default "
            + "${DEFAULT-VALUE}).")
    int batch;

    private static volatile float sink;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Bounds.check("--seconds", seconds, 0.01, 600);
        Bounds.check("--warmup-seconds", warmupSeconds, 0, 600);
        Bounds.check("--rounds", rounds, 1, 100);
        Bounds.check("--batch", batch, 1, 1024);
        if (!Files.isRegularFile(onnx)) {
            throw new BadInputException("cannot read model " + onnx + ": no such file");
        }
        if (!Files.isDirectory(nodeModules.resolve("node_modules/onnxruntime-node"))) {
            throw new BadInputException("no onnxruntime-node in " + nodeModules
                    + " (run: npm install onnxruntime-node --ignore-scripts there)");
        }
        PrintWriter out = spec.commandLine().getOut();
        float[][][] patches = patches(batch);
        int[][] configs = {{1, 1}, {1, batch}, {2, 1}, {2, batch}};
        Path dir = Files.createTempDirectory("hark-bench-ort");
        Map<Integer, Embedder> hark = new LinkedHashMap<>();
        try (NodePeer peer = NodePeer.start(node, nodeModules, dir, onnx, patches)) {
            out.printf(Locale.ROOT, "ort-parity: %s, Hark (ONNX Runtime Java %s) vs onnxruntime-node %s, %d round%s of "
                    + "%.1f s per side, interleaved; machine: %d cores, load average %s%n", onnx.getFileName(),
                    ortJavaVersion(), peer.version(), rounds, rounds == 1 ? "" : "s", seconds,
                    Runtime.getRuntime().availableProcessors(), Machine.loadAverage());
            out.flush();
            double[][] harkRate = new double[configs.length][rounds];
            double[][] ortRate = new double[configs.length][rounds];
            double[][] ratio = new double[configs.length][rounds];
            double[][] cpuRatio = new double[configs.length][rounds];
            List<String> mismatches = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                for (int c = 0; c < configs.length; c++) {
                    int threads = configs[c][0];
                    float[][][] in = Arrays.copyOf(patches, configs[c][1]);
                    Embedder e = hark.computeIfAbsent(threads, t -> dev.hark.models.embed.Embedders.open(onnx, t));
                    double[] a;
                    double[] b;
                    if (r % 2 == 0) { // alternate who goes first, so neither side always follows the other
                        a = measureHark(e, in);
                        b = peer.measure(threads, in.length, warmupSeconds, seconds);
                    } else {
                        b = peer.measure(threads, in.length, warmupSeconds, seconds);
                        a = measureHark(e, in);
                    }
                    harkRate[c][r] = a[0];
                    ortRate[c][r] = b[0];
                    ratio[c][r] = a[0] / b[0];
                    cpuRatio[c][r] = a[2] / b[2];
                    if (Float.compare((float) a[1], (float) b[1]) != 0) {
                        mismatches.add(String.format(Locale.ROOT, "%d threads, batch %d: Hark %s, ORT %s", threads,
                                in.length, (float) a[1], (float) b[1]));
                    }
                }
            }
            for (int c = 0; c < configs.length; c++) {
                out.printf(Locale.ROOT, "  %d thread%s, batch %3d: Hark %7.1f patches/s, ORT %7.1f patches/s, ratio "
                        + "%.2fx  (pairs: %s); per CPU second %.2fx  (pairs: %s)%n", configs[c][0],
                        configs[c][0] == 1 ? " " : "s", configs[c][1], median(harkRate[c]), median(ortRate[c]),
                        median(ratio[c]), ratios(ratio[c]), median(cpuRatio[c]), ratios(cpuRatio[c]));
            }
            out.println(mismatches.isEmpty() ? "  outputs: the first embedding value is the same on both sides"
                    : "  outputs DIFFER: " + String.join("; ", mismatches));
            out.flush();
        } finally {
            for (Embedder e : hark.values()) {
                e.close();
            }
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
        return ExitCodes.OK;
    }

    private double[] measureHark(Embedder e, float[][][] in) {
        run(e, in, warmupSeconds);
        return run(e, in, seconds);
    }

    /**
     * Runs {@code in} through the embedder for about {@code seconds}: {patches/s, first embedding value, patches per
     * second of the process's CPU time (every thread: ONNX Runtime's, the JIT's, the collector's)}.
     */
    private static double[] run(Embedder e, float[][][] in, double seconds) {
        long budget = (long) (seconds * 1e9);
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        long n = 0;
        long elapsed;
        float first;
        do {
            first = e.embed(in).embeddings()[0][0];
            sink += first;
            n += in.length;
            elapsed = System.nanoTime() - start;
        } while (elapsed < budget);
        long cpuUsed = processCpuNanos() - cpu;
        return new double[] {n / (elapsed / 1e9), first, n / (cpuUsed / 1e9)};
    }

    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        throw new IllegalStateException("this JVM does not report its process CPU time");
    }

    private static String ortJavaVersion() {
        return ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String ratios(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double x : v) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", x));
        }
        return sb.toString();
    }

    /** Log-mel-like patches (values of a quiet room to a loud sound), seeded. */
    static float[][][] patches(int n) {
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

    /** The Node.js side: one process running the driver script, one measurement per request line. */
    private static final class NodePeer implements AutoCloseable {
        private final Process process;
        private final Writer in;
        private final BufferedReader out;
        private final Path stderr;

        private NodePeer(Process process, Path stderr) {
            this.process = process;
            this.stderr = stderr;
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static NodePeer start(String node, Path nodeModules, Path dir, Path onnx, float[][][] patches)
                throws IOException {
            Path script = dir.resolve("ort-parity.js");
            try (InputStream s = OrtParityBenchCommand.class.getResourceAsStream("ort-parity.js")) {
                if (s == null) {
                    throw new IllegalStateException("ort-parity.js is missing from hark-bench's resources");
                }
                Files.write(script, s.readAllBytes());
            }
            Path data = dir.resolve("patches.f32");
            int per = FrontEndParams.PATCH_FRAMES * FrontEndParams.MEL_BANDS;
            ByteBuffer b = ByteBuffer.allocate(patches.length * per * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float[][] p : patches) {
                for (float[] row : p) {
                    for (float v : row) {
                        b.putFloat(v);
                    }
                }
            }
            Files.write(data, b.array());
            Path err = dir.resolve("node.err");
            ProcessBuilder pb = new ProcessBuilder(node, script.toString(), onnx.toAbsolutePath().toString(),
                    data.toString()).redirectError(err.toFile());
            pb.environment().put("NODE_PATH", nodeModules.toAbsolutePath().resolve("node_modules").toString());
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new BadInputException("cannot start " + node + " (Node.js): " + e.getMessage());
            }
            return new NodePeer(p, err);
        }

        String version() throws IOException {
            return request("version");
        }

        double[] measure(int threads, int batch, double warmup, double seconds) throws IOException {
            String[] f = request(String.format(Locale.ROOT, "%d %d %f %f", threads, batch, warmup, seconds)).split(" ");
            long patches = Long.parseLong(f[0]);
            return new double[] {patches / (Long.parseLong(f[1]) / 1e9), Float.parseFloat(f[2]),
                patches / (Long.parseLong(f[3]) / 1e6)};
        }

        private String request(String line) throws IOException {
            in.write(line + "\n");
            in.flush();
            String reply = out.readLine();
            if (reply == null) {
                throw new IllegalStateException("onnxruntime-node driver stopped: " + Files.readString(stderr).trim());
            }
            return reply;
        }

        @Override
        public void close() throws IOException, InterruptedException {
            try {
                in.close(); // end of input: the driver exits
            } finally {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }
}
