package dev.hark.app;

import dev.hark.config.Bounds;
import dev.hark.config.HopSeconds;
import dev.hark.config.ModelDefaults;
import dev.hark.core.audio.AudioFiles;
import dev.hark.core.audio.Mono16kStream;
import dev.hark.config.listen.EventSettings;
import dev.hark.errors.BadInputException;
import dev.hark.live.ConceptHead;
import dev.hark.models.concepts.ConceptCatalog;
import dev.hark.models.concepts.Ontology;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.EmbedderOpening;
import dev.hark.models.embed.Embedders;
import dev.hark.models.head.AudioSetHead;
import dev.hark.models.head.Bundle;
import dev.hark.models.head.Rejection;
import dev.hark.models.head.TrainedHead;
import dev.hark.models.head.WindowClassifier;
import dev.hark.models.jsonl.JsonLines;
import dev.hark.models.jsonl.SummaryLine;
import dev.hark.models.jsonl.WindowLine;
import dev.hark.models.pipeline.ClipClassifier;
import dev.hark.models.pipeline.ClipSummary;
import dev.hark.models.pipeline.LabelScore;
import dev.hark.models.pipeline.TopK;
import dev.hark.models.pipeline.WindowResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code hark classify}: the top labels of every window of each file, and a per-file summary (mean scores
 * over the windows), printed as text or JSON lines. The work is {@link ClipClassifier}'s.
 */
@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score each 0.96 s window of audio files with Hark's sound concepts (grouped AudioSet classes,",
            "see 'hark labels --concepts'; --raw-labels: the 521 AudioSet classes of YAMNet) and summarise each file.",
            "Files shorter than one window are padded with silence to one window, and the output says so."})
final class ClassifyCommand implements Callable<Integer> {
    enum Format { text, jsonl }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audio files (WAV, FLAC, Ogg Vorbis, MP3), any rate.")
    List<Path> files;

    @Option(names = "--model", paramLabel = "yamnet|vggish|PATH", defaultValue = ModelDefaults.MODEL,
            description = "Embedding model: yamnet (default), vggish (needs a classifier), or an .onnx file.")
    String model;

    @Option(names = "--classifier", paramLabel = "MODEL.hark",
            description = "Label windows with this trained head (hark train) instead of the model's AudioSet classes; "
                    + "windows and files it rejects (none of its labels, or silence) are shown as unknown.")
    Path classifier;

    @Option(names = "--raw-labels", description = "Show the model's raw AudioSet labels instead of concepts.")
    boolean rawLabels;

    @Option(names = "--top", paramLabel = "K", defaultValue = "3", description = "Labels shown per window (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--hop", paramLabel = "SECONDS",
            description = "Time between window starts, a multiple of 0.01 s (default: the model's own, YAMNet 0.48, VGGish 0.96).")
    Double hopSeconds;

    @Option(names = "--format", paramLabel = "text|jsonl", defaultValue = "text",
            description = "text (default) or jsonl: one JSON object per window (\"type\":\"window\"), then one per file "
                    + "(\"type\":\"summary\").")
    Format format;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "" + ModelDefaults.THREADS,
            description = "Model (ONNX Runtime) threads; 0: every core (default: ${DEFAULT-VALUE}).")
    int threads;

    /** The trained head's rejection, or null for the AudioSet classes. */
    private Rejection rejection;
    /** Windows of the current file the trained head did not reject. */
    private int accepted;

    @Override
    public Integer call() {
        Bounds.check("--top", top, 1, TopK.MAX_K);
        ModelDefaults.checkThreads("--threads", threads);
        int hopFrames = hopSeconds == null ? 0
                : HopSeconds.toFrames("--hop", hopSeconds, HopSeconds.MAX_WINDOW_HOP_SECONDS);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        // a bundle is read (and refused) before the model is opened, which takes longer
        Bundle bundle = classifier == null ? null : Bundle.load(classifier);
        try (EmbedderOpening opening = Embedders.openInBackground(model, threads)) {
            if (bundle == null && !rawLabels) {
                // read while the model opens on its own thread (a cold start overlaps the two)
                ConceptCatalog.concepts();
                Ontology.audioSet();
            }
            Embedder embedder = opening.embedder();
            WindowClassifier head = head(embedder, bundle);
            rejection = head instanceof TrainedHead t ? t.rejection() : null;
            try {
                ClipClassifier classify = ClipClassifier.of(embedder, head, hopFrames);
                for (Path file : files) {
                    try {
                        classify(file, classify, embedder.name(), out);
                    } catch (BadInputException e) {
                        failed++;
                        out.flush();
                        err.println("hark: " + e.getMessage());
                        err.flush();
                    }
                }
            } finally {
                if (head instanceof TrainedHead t) {
                    t.close();
                }
            }
        }
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }

    /** The head that turns embeddings into labels: a trained {@code --classifier}, else the model's AudioSet classes. */
    WindowClassifier head(Embedder embedder, Bundle bundle) {
        if (bundle != null) {
            return TrainedHead.forEmbedder(bundle, classifier, embedder, model);
        }
        if (embedder.labels().isEmpty()) {
            throw new BadInputException("classify: model " + embedder.name() + " gives embeddings only, no labels; "
                    + "use --model yamnet (AudioSet labels) or a classifier trained on its embeddings");
        }
        AudioSetHead audioSet = AudioSetHead.of(embedder);
        return rawLabels ? audioSet : ConceptHead.over(audioSet, EventSettings.defaults());
    }

    private void classify(Path file, ClipClassifier classify, String modelName, PrintWriter out) {
        List<String> labels = classify.labels();
        ClipSummary summary;
        try (Mono16kStream in = AudioFiles.open16k(file)) {
            if (format == Format.text) {
                out.printf(Locale.ROOT, "%s  (model %s, hop %.2f s)%n", file, modelName, classify.hopSeconds());
            }
            accepted = 0;
            summary = classify.classify(in, file.toString(), w -> printWindow(file, w, labels, out));
        }
        printSummary(file, summary, out);
    }

    private void printWindow(Path file, WindowResult r, List<String> labels, PrintWriter out) {
        boolean rejected = rejected(r.scores());
        accepted += rejected ? 0 : 1;
        List<LabelScore> best = rejected ? UNKNOWN : TopK.of(r.scores(), labels, top);
        if (format == Format.jsonl) {
            out.println(JsonLines.write(new WindowLine(file.toString(), r.index(), r.startSeconds(), r.endSeconds(), true,
                    r.padded(), best)));
            return;
        }
        out.println(String.format(Locale.ROOT, "  %8.3f %8.3f  ", r.startSeconds(), r.endSeconds()) + text(best)
                + (r.padded() ? "  (padded with silence: the file is shorter than one window)" : ""));
    }

    private void printSummary(Path file, ClipSummary s, PrintWriter out) {
        List<LabelScore> best = s.top(top);
        String of = "mean of " + s.windows() + " window" + (s.windows() == 1 ? "" : "s");
        if (rejection != null) {
            // a trained head's file summary: the mean over the windows it did not reject (unknown if it rejected all)
            of = "mean of the " + accepted + " of " + s.windows() + " window" + (s.windows() == 1 ? "" : "s")
                    + " not unknown";
            if (accepted == 0) {
                best = UNKNOWN;
            } else {
                float[] mean = new float[s.meanScores().length];
                for (int i = 0; i < mean.length; i++) {
                    mean[i] = (float) (s.meanScores()[i] * (double) s.windows() / accepted);
                }
                best = TopK.of(mean, s.labels(), top);
            }
        }
        if (format == Format.jsonl) {
            out.println(JsonLines.write(new SummaryLine(file.toString(), s.durationSeconds(), s.windows(), s.padded(),
                    best)));
            return;
        }
        out.println(String.format(Locale.ROOT, "  summary (%.2f s, %s%s): ", s.durationSeconds(), of,
                s.padded() ? ", padded with silence to one window" : "") + text(best));
    }

    /** What a window or file a trained head rejects is shown as: {@code unknown}, scoring 0. */
    private static final List<LabelScore> UNKNOWN = List.of(new LabelScore(Rejection.UNKNOWN, 0));

    /** Whether a trained head rejected the window (it then scores 0 for every label). */
    private boolean rejected(float[] scores) {
        if (rejection == null) {
            return false;
        }
        for (float v : scores) {
            if (v > 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code Dog 0.7219; Domestic animals, pets 0.6732; ...}, or {@code unknown} */
    private static String text(List<LabelScore> best) {
        StringBuilder sb = new StringBuilder();
        if (best == UNKNOWN) {
            return Rejection.UNKNOWN;
        }
        for (LabelScore l : best) {
            sb.append(sb.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s %.4f", l.label(), l.score()));
        }
        return sb.toString();
    }
}
