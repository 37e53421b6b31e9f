package dev.hark.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.core.audio.AudioFiles;
import dev.hark.core.audio.Mono16kStream;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.errors.BadInputException;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import dev.hark.models.head.AudioSetHead;
import dev.hark.models.head.TrainedHead;
import dev.hark.models.head.WindowClassifier;
import dev.hark.models.pipeline.WindowAnalyzer;
import dev.hark.models.pipeline.WindowResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code hark classify}: the top labels of every window of each file, and a per-file summary (mean scores
 * over the windows). Uses the same {@link WindowAnalyzer} as the live listener.
 */
@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Label each 0.96 s window of audio files with AudioSet classes (YAMNet) and summarise each file.",
            "Files shorter than one window are padded with silence to one window, and the output says so."})
final class ClassifyCommand implements Callable<Integer> {
    enum Format { text, jsonl }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audio files (WAV, FLAC, Ogg Vorbis, MP3), any rate.")
    List<Path> files;

    @Option(names = "--model", paramLabel = "yamnet|vggish|PATH", defaultValue = Embedders.DEFAULT_MODEL,
            description = "Embedding model: yamnet (default), vggish (needs a classifier), or an .onnx file.")
    String model;

    @Option(names = "--classifier", paramLabel = "MODEL.hark",
            description = "Label windows with this trained head (hark train) instead of the model's AudioSet classes.")
    Path classifier;

    @Option(names = "--top", paramLabel = "K", defaultValue = "3", description = "Labels shown per window (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--hop", paramLabel = "SECONDS",
            description = "Time between window starts, a multiple of 0.01 s (default: the model's own, YAMNet 0.48, VGGish 0.96).")
    Double hopSeconds;

    @Option(names = "--format", paramLabel = "text|jsonl", defaultValue = "text",
            description = "text (default) or jsonl: one JSON object per window, then one per file with \"summary\": true.")
    Format format;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "ONNX Runtime threads (default: all cores).")
    int threads;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() {
        if (top < 1) {
            throw new BadInputException("--top must be at least 1, got " + top);
        }
        if (threads < 0) {
            throw new BadInputException("--threads must be 0 (all cores) or more, got " + threads);
        }
        int hopFrames = hopFrames(hopSeconds);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        try (Embedder embedder = Embedders.open(model, threads)) {
            WindowClassifier head = head(embedder);
            for (Path file : files) {
                try {
                    classify(file, embedder, head, hopFrames, out);
                } catch (BadInputException e) {
                    failed++;
                    out.flush();
                    err.println("hark: " + e.getMessage());
                    err.flush();
                }
            }
        }
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }

    /**
     * The head that turns embeddings into labels: the model's own AudioSet classes. (The place where a
     * trained {@code --classifier MODEL.hark} head is chosen instead.)
     */
    WindowClassifier head(Embedder embedder) {
        if (classifier != null) {
            return TrainedHead.forEmbedder(classifier, embedder, model);
        }
        if (embedder.labels().isEmpty()) {
            throw new BadInputException("classify: model " + embedder.name() + " gives embeddings only, no labels; "
                    + "use --model yamnet (AudioSet labels) or a classifier trained on its embeddings");
        }
        return AudioSetHead.of(embedder);
    }

    /** Window hop in frames, or 0 for the model's default. */
    static int hopFrames(Double seconds) {
        if (seconds == null) {
            return 0;
        }
        double frames = seconds / FrontEndParams.FRAME_HOP_SECONDS;
        long rounded = Math.round(frames);
        if (!(seconds > 0) || rounded < 1 || Math.abs(frames - rounded) > 1e-6 || seconds > 3600) {
            throw new BadInputException("--hop must be a positive multiple of 0.01 s (at most 3600), got " + seconds);
        }
        return (int) rounded;
    }

    private void classify(Path file, Embedder embedder, WindowClassifier head, int hopFrames, PrintWriter out) {
        List<String> labels = head.labels();
        int k = Math.min(top, labels.size());
        double[] sum = new double[labels.size()];
        int[] windows = {0};
        boolean[] padded = {false};
        WindowAnalyzer.Builder b = WindowAnalyzer.builder(embedder).classifier(head).listener(r -> {
            windows[0]++;
            padded[0] |= r.padded();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += r.scores()[i];
            }
            printWindow(file, r, labels, k, out);
        });
        if (hopFrames > 0) {
            b.hopFrames(hopFrames);
        }
        WindowAnalyzer analyzer = b.build();
        double seconds;
        try (Mono16kStream in = AudioFiles.open16k(file)) {
            if (format == Format.text) {
                out.printf(Locale.ROOT, "%s  (model %s, hop %.2f s)%n", file, embedder.name(),
                        analyzer.hopFrames() * FrontEndParams.FRAME_HOP_SECONDS);
            }
            float[] buf = new float[FrontEndParams.SAMPLE_RATE_HZ];
            long samples = 0;
            for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
                analyzer.accept(buf, 0, n);
                samples += n;
            }
            if (samples == 0) {
                throw new BadInputException(file + ": no audio in the file");
            }
            seconds = samples / (double) FrontEndParams.SAMPLE_RATE_HZ;
            analyzer.finish();
        }
        float[] mean = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            mean[i] = (float) (sum[i] / windows[0]);
        }
        printSummary(file, seconds, windows[0], padded[0], mean, labels, k, out);
    }

    private void printWindow(Path file, WindowResult r, List<String> labels, int k, PrintWriter out) {
        int[] best = topK(r.scores(), k);
        if (format == Format.jsonl) {
            ObjectNode o = json.createObjectNode();
            o.put("file", file.toString());
            o.put("start", r.startSeconds());
            o.put("end", r.endSeconds());
            if (r.padded()) {
                o.put("padded", true);
            }
            o.set("labels", labelArray(best, r.scores(), labels));
            out.println(o);
            return;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %8.3f %8.3f ", r.startSeconds(), r.endSeconds()));
        for (int i : best) {
            sb.append(String.format(Locale.ROOT, " %s %.4f;", labels.get(i), r.scores()[i]));
        }
        sb.setLength(sb.length() - 1);
        if (r.padded()) {
            sb.append("  (padded with silence: the file is shorter than one window)");
        }
        out.println(sb);
    }

    private void printSummary(Path file, double seconds, int windows, boolean padded, float[] mean,
            List<String> labels, int k, PrintWriter out) {
        int[] best = topK(mean, k);
        if (format == Format.jsonl) {
            ObjectNode o = json.createObjectNode();
            o.put("file", file.toString());
            o.put("summary", true);
            o.put("duration", seconds);
            o.put("windows", windows);
            o.put("padded", padded);
            o.set("labels", labelArray(best, mean, labels));
            out.println(o);
            return;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  summary (%.2f s, mean of %d window%s%s):",
                seconds, windows, windows == 1 ? "" : "s", padded ? ", padded with silence to one window" : ""));
        for (int i : best) {
            sb.append(String.format(Locale.ROOT, " %s %.4f;", labels.get(i), mean[i]));
        }
        sb.setLength(sb.length() - 1);
        out.println(sb);
    }

    private ArrayNode labelArray(int[] best, float[] scores, List<String> labels) {
        ArrayNode a = json.createArrayNode();
        for (int i : best) {
            ObjectNode l = a.addObject();
            l.put("label", labels.get(i));
            l.put("score", scores[i]);
        }
        return a;
    }

    /** Indices of the {@code k} highest scores, highest first; ties by index. */
    static int[] topK(float[] scores, int k) {
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> {
            int c = Float.compare(scores[b], scores[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[Math.min(k, idx.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
