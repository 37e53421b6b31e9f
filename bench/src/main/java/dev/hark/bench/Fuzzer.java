package dev.hark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.app.Hark;
import dev.hark.core.io.Npy;
import dev.hark.errors.HarkException;
import dev.hark.importers.tflite.TfliteFile;
import dev.hark.importers.tflite.TfliteNetwork;
import dev.hark.importers.torch.TorchStateDict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Seeded mutation fuzzing of every reader of user files: audio through {@code hark info --decode --format jsonl}
 * in-process (WAV, RF64 WAV with the data chunk before fmt, FLAC, Ogg Vorbis, MP3), the readers of .npy, PyTorch
 * .pth and TFLite files directly, and model files through the command that takes them ({@link ModelCommandCheck}:
 * a TensorFlow checkpoint through {@code import-vggish}, an ONNX embedder through {@code embed --model}, a
 * {@code .hark} bundle through {@code labels --classifier}). Per file it checks the contract of bad input: success
 * with well-formed output, or one line on stderr naming the file with exit code 2 or 3; never a trace, another
 * exception, a hang (a timeout per file), or a library writing to System.out. It measures each file's peak heap and
 * resident memory ({@link MemoryPeak}; per run of 16 for audio) and, given a limit, fails a file whose resident
 * peak exceeds it. The same seed gives the same files.
 */
public final class Fuzzer implements AutoCloseable {
    /** The formats fuzzed. */
    public enum Format { WAV, RF64, FLAC, OGG, MP3, NPY, PTH, TFLITE, CKPT, ONNX, BUNDLE }

    /** What one file gave. */
    public enum Outcome { OK, BAD_INPUT, MODEL_PROBLEM, FAILURE }

    /** One violation of the contract, with the file's bytes kept for a reproduction. */
    public record Failure(Format format, Path file, String problem) {
    }

    /** The tally of a run. */
    public record Report(Map<Format, Map<Outcome, Integer>> counts, Map<Format, Double> secondsPerFormat,
            List<Failure> failures, List<Path> libraryStdoutFiles, long libraryStdoutBytes, double seconds,
            Map<Format, Long> peakHeapBytes, Map<Format, Long> peakRssBytes) {
        public int files() {
            return counts.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Audio files per {@code hark info} run: a bad file must not stop the later ones. */
    private static final int BATCH = 16;

    private final Path dir;
    private final Map<Format, byte[]> seeds;
    private final long timeoutMillis;
    private final long maxRssBytes;
    private final ModelCommandCheck models;
    private ExecutorService worker = newWorker();

    /**
     * @param dir where mutated files are written (and failing ones kept)
     * @param seeds one valid file per format to mutate; formats without a seed are not fuzzed
     */
    public Fuzzer(Path dir, Map<Format, byte[]> seeds, long timeoutMillis) {
        this(dir, seeds, timeoutMillis, Long.MAX_VALUE);
    }

    /**
     * @param maxRssBytes a file (a run of 16 for audio) during which the process's resident set peaks above this is
     *                    a failure; {@code Long.MAX_VALUE}: no limit, peaks only reported
     */
    public Fuzzer(Path dir, Map<Format, byte[]> seeds, long timeoutMillis, long maxRssBytes) {
        this.dir = dir;
        this.seeds = new EnumMap<>(seeds);
        this.timeoutMillis = timeoutMillis;
        this.maxRssBytes = maxRssBytes;
        this.models = new ModelCommandCheck(dir);
    }

    /** Fuzzes {@code filesPerFormat} mutations of each seed; {@code seed} fixes every mutation. */
    public Report run(int filesPerFormat, long seed) throws IOException {
        Map<Format, Map<Outcome, Integer>> counts = new EnumMap<>(Format.class);
        List<Failure> failures = new ArrayList<>();
        List<Path> leakers = new ArrayList<>();
        Map<Format, Double> seconds = new EnumMap<>(Format.class);
        Map<Format, Long> heapPeaks = new EnumMap<>(Format.class);
        Map<Format, Long> rssPeaks = new EnumMap<>(Format.class);
        long libraryBytes = 0;
        long start = System.nanoTime();
        PrintStream stdout = System.out;
        ByteArrayOutputStream leaked = new ByteArrayOutputStream();
        System.setOut(new PrintStream(leaked, true));
        try {
            for (Map.Entry<Format, byte[]> e : seeds.entrySet()) {
                Format format = e.getKey();
                Random random = new Random(seed * 31 + format.ordinal());
                Map<Outcome, Integer> tally = counts.computeIfAbsent(format, f -> new EnumMap<>(Outcome.class));
                long formatStart = System.nanoTime();
                boolean audio = format.ordinal() <= Format.MP3.ordinal();
                for (int i = 0; i < filesPerFormat; i += BATCH) {
                    List<Path> batch = new ArrayList<>();
                    for (int j = i; j < Math.min(filesPerFormat, i + BATCH); j++) {
                        Path file = dir.resolve(format.name().toLowerCase() + "-" + seed + "-" + j + extension(format));
                        Files.write(file, switch (format) {
                            case BUNDLE -> ModelFormats.mutateBundle(e.getValue(), random);
                            case CKPT -> ModelFormats.mutateCheckpoint(e.getValue(), random);
                            default -> Mutator.mutate(e.getValue(), random);
                        });
                        batch.add(file);
                    }
                    leaked.reset();
                    String[] problems = new String[batch.size()];
                    long[] heap = new long[batch.size()];
                    long[] rss = new long[batch.size()];
                    Outcome[] outcomes = runBatch(format, audio, batch, problems, heap, rss);
                    // In process, what a library prints to System.out is caught here; the hark command discards it
                    // (Hark.main), which the child-JVM test checks. Such files are kept for inspection.
                    libraryBytes += leaked.size();
                    for (int k = 0; k < batch.size(); k++) {
                        Path file = batch.get(k);
                        heapPeaks.merge(format, heap[k], Math::max);
                        rssPeaks.merge(format, rss[k], Math::max);
                        if (outcomes[k] != Outcome.FAILURE && rss[k] > maxRssBytes) {
                            outcomes[k] = Outcome.FAILURE;
                            problems[k] = String.format(java.util.Locale.ROOT, "the process's resident memory peaked "
                                    + "at %.0f MB (limit %.0f MB)", rss[k] / 1e6, maxRssBytes / 1e6);
                        }
                        if (outcomes[k] == Outcome.FAILURE) {
                            failures.add(new Failure(format, file, problems[k]));
                        } else if (leaked.size() > 0) {
                            leakers.add(file);
                        } else {
                            Files.delete(file);
                        }
                        tally.merge(outcomes[k], 1, Integer::sum);
                    }
                }
                seconds.put(format, (System.nanoTime() - formatStart) / 1e9);
            }
        } finally {
            System.setOut(stdout);
        }
        return new Report(counts, seconds, failures, leakers, libraryBytes, (System.nanoTime() - start) / 1e9,
                heapPeaks, rssPeaks);
    }

    /** Whether a library writes to System.out while {@code file} is read as audio (used to find such files). */
    public static long libraryStdoutBytes(Path file) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream leaked = new ByteArrayOutputStream();
        System.setOut(new PrintStream(leaked, true));
        try {
            Hark.run(new String[] {"info", "--decode", "--format", "jsonl", file.toString()},
                    new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        } finally {
            System.setOut(stdout);
        }
        return leaked.size();
    }

    /**
     * Checks a batch of files with a timeout of {@code timeoutMillis} per file (a hang fails the whole batch), and
     * the peak heap and resident memory of each (of the whole batch for audio, read by one command).
     */
    private Outcome[] runBatch(Format format, boolean audio, List<Path> files, String[] problems, long[] heap,
            long[] rss) {
        Future<Outcome[]> f = worker.submit(() -> {
            if (audio) {
                MemoryPeak.reset();
                Outcome[] o = checkAudio(files, problems);
                java.util.Arrays.fill(heap, MemoryPeak.heapBytes());
                java.util.Arrays.fill(rss, MemoryPeak.rssBytes());
                return o;
            }
            Outcome[] o = new Outcome[files.size()];
            for (int i = 0; i < o.length; i++) {
                String[] problem = {null};
                MemoryPeak.reset();
                o[i] = checkReader(format, files.get(i), problem);
                heap[i] = MemoryPeak.heapBytes();
                rss[i] = MemoryPeak.rssBytes();
                problems[i] = problem[0];
            }
            return o;
        });
        Outcome[] all = new Outcome[files.size()];
        try {
            return f.get(timeoutMillis * files.size(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker();   // the hung thread is a daemon and abandoned
            java.util.Arrays.fill(problems, "no result within " + timeoutMillis + " ms per file (a hang?) in a batch of "
                    + files.size() + " from " + files.get(0).getFileName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            java.util.Arrays.fill(problems, "interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            java.util.Arrays.fill(problems, "the check itself failed: " + e.getCause());
        }
        java.util.Arrays.fill(all, Outcome.FAILURE);
        return all;
    }

    private Outcome checkReader(Format format, Path file, String[] problem) {
        return switch (format) {
            case NPY -> checkReader(file, problem, () -> Npy.read(file));
            case PTH -> checkReader(file, problem, () -> TorchStateDict.read(file));
            case TFLITE -> checkReader(file, problem, () -> TfliteNetwork.analyse(TfliteFile.read(file)));
            case CKPT, ONNX, BUNDLE -> models.check(format, file, problem);
            default -> throw new IllegalArgumentException(format + " is read through hark info");
        };
    }

    /** One file through {@link #checkAudio(List, String[])}. */
    static Outcome checkAudio(Path file, String[] problem) {
        return checkAudio(List.of(file), problem)[0];
    }

    /**
     * {@code hark info --decode --format jsonl FILE...}: the whole contract of a command on a run of bad files: each
     * file is reported once, as a well-formed JSON line on stdout or one line on stderr naming it (so a bad file never
     * stops the later ones); exit 0 only if none was refused, else 2 or 3.
     */
    static Outcome[] checkAudio(List<Path> files, String[] problems) {
        Outcome[] outcomes = new Outcome[files.size()];
        String[] args = new String[4 + files.size()];
        args[0] = "info";
        args[1] = "--decode";
        args[2] = "--format";
        args[3] = "jsonl";
        for (int i = 0; i < files.size(); i++) {
            args[4 + i] = files.get(i).toString();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try {
            code = Hark.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        } catch (Throwable t) {
            java.util.Arrays.fill(problems, "escaped Hark.run: " + t);
            java.util.Arrays.fill(outcomes, Outcome.FAILURE);
            return outcomes;
        }
        for (String line : out.toString().split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException ex) {
                n = null;
            }
            int i = n == null ? -1 : files.indexOf(Path.of(n.path("file").asText()));
            if (i < 0) {
                fail(outcomes, problems, 0, "stdout line that is not a JSON record of one of the files: " + line);
                continue;
            }
            if (outcomes[i] != null) {
                fail(outcomes, problems, i, "reported twice");
            } else if (!n.path("frames").canConvertToLong()) {
                fail(outcomes, problems, i, "jsonl line without frames: " + line);
            } else {
                outcomes[i] = Outcome.OK;
            }
        }
        for (String line : err.toString().split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int i = -1;
            for (int k = 0; k < files.size(); k++) {
                if (line.startsWith("hark: " + files.get(k) + ": ")) {
                    i = k;
                }
            }
            if (i < 0) {
                fail(outcomes, problems, 0, "stderr line not naming one of the files: " + line);
                continue;
            }
            String bad = oneLineNaming(line + "\n", files.get(i));
            if (outcomes[i] != null) {
                fail(outcomes, problems, i, "reported twice: " + line);
            } else if (bad != null) {
                fail(outcomes, problems, i, bad);
            } else {
                outcomes[i] = code == 3 ? Outcome.MODEL_PROBLEM : Outcome.BAD_INPUT;
            }
        }
        boolean refused = java.util.Arrays.stream(outcomes).anyMatch(o -> o == Outcome.BAD_INPUT || o == Outcome.MODEL_PROBLEM);
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null) {
                fail(outcomes, problems, i, "not reported at all (exit " + code + ")");
            }
        }
        if (code != (refused ? 2 : 0) && !(refused && code == 3)) {
            for (int i = 0; i < outcomes.length; i++) {
                fail(outcomes, problems, i, "exit " + code + " (" + (refused ? "2 or 3" : "0") + " expected): "
                        + err.toString().strip());
            }
        }
        return outcomes;
    }

    private static void fail(Outcome[] outcomes, String[] problems, int i, String problem) {
        if (outcomes[i] != Outcome.FAILURE) {
            outcomes[i] = Outcome.FAILURE;
            problems[i] = problem;
        }
    }

    private static Outcome checkReader(Path file, String[] problem, ThrowingRunnable read) {
        try {
            read.run();
            return Outcome.OK;
        } catch (HarkException e) {
            String bad = oneLineNaming("hark: " + e.getMessage() + "\n", file);
            if (bad != null) {
                problem[0] = bad;
                return Outcome.FAILURE;
            }
            return e instanceof dev.hark.errors.ModelException ? Outcome.MODEL_PROBLEM : Outcome.BAD_INPUT;
        } catch (Throwable t) {
            problem[0] = "escaped the reader: " + t;
            return Outcome.FAILURE;
        }
    }

    /** Null if {@code stderr} is one line starting "hark: FILE" with no Java internals, else what is wrong. */
    static String oneLineNaming(String stderr, Path file) {
        if (!stderr.endsWith("\n") || stderr.indexOf('\n') != stderr.length() - 1) {
            return "stderr is not one line: " + stderr.strip();
        }
        if (!stderr.contains(file.toString())) {
            return "stderr does not name the file: " + stderr.strip();
        }
        for (String internal : List.of("Exception", "Error:", "\tat ", "out of bounds", "is null", "because \"",
                "java.", "internal error")) {
            if (stderr.contains(internal)) {
                return "stderr shows Java internals (" + internal.strip() + "): " + stderr.strip();
            }
        }
        return null;
    }

    private static String extension(Format f) {
        return switch (f) {
            case WAV, RF64 -> ".wav";
            case FLAC -> ".flac";
            case OGG -> ".ogg";
            case MP3 -> ".mp3";
            case NPY -> ".npy";
            case PTH -> ".pth";
            case TFLITE -> ".tflite";
            case CKPT -> ".ckpt";
            case ONNX -> ".onnx";
            case BUNDLE -> ".hark";
        };
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-worker");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            models.deleteClip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A reader call. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** A 0.25 s 16-bit stereo 8 kHz WAV; with {@code rf64}, an RF64 file with ds64 and the data chunk before fmt. */
    public static byte[] wav(boolean rf64) {
        int frames = 2000;
        ByteBuffer data = ByteBuffer.allocate(frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            short v = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
            data.putShort(v).putShort(v);
        }
        ByteBuffer b = ByteBuffer.allocate(12 + 24 + (rf64 ? 36 : 0) + 8 + data.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((rf64 ? "RF64" : "RIFF").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.putInt(rf64 ? -1 : b.capacity() - 8).put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        if (rf64) {
            b.put("ds64".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(28);
            b.putLong(b.capacity() - 8).putLong(data.capacity()).putLong(frames).putInt(0);
            b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(-1).put(data.array());
        }
        b.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) 1).putShort((short) 2).putInt(8000).putInt(8000 * 4).putShort((short) 4).putShort((short) 16);
        if (!rf64) {
            b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(data.capacity()).put(data.array());
        }
        return b.array();
    }
}
