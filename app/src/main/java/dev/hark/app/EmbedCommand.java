package dev.hark.app;

import dev.hark.core.dataset.Clip;
import dev.hark.core.io.AtomicFile;
import dev.hark.core.io.IoFailures;
import dev.hark.core.io.Npy;
import dev.hark.errors.BadInputException;
import dev.hark.models.head.Pooling;
import dev.hark.models.train.ClipFeatures;
import dev.hark.models.train.ClipFeaturizer;
import dev.hark.models.train.EmbeddingRows;
import dev.hark.models.train.FeatureExtractor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code hark embed}: clip or patch embeddings of many files as a float32 {@code .npy} with an index CSV. */
@Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write embeddings of audio files as a float32 .npy ([clips, D] pooled, [patches, D] with "
                + "--pooling none) and beside it an index (CSV) naming each row's file (patch start, label and "
                + "fold when known). Cached per file: a second run over the same data is near-instant."})
final class EmbedCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ClipInputs inputs;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FEATURES.npy", description = "Output .npy file.")
    Path out;

    @Option(names = "--pooling", defaultValue = "mean", paramLabel = "POOLING",
            description = "none (one row per 0.96 s patch), mean or mean+std (one row per clip; default: ${DEFAULT-VALUE}).")
    String pooling;

    @Mixin
    FeatureOptions featureOptions;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        Pooling p = Pooling.parse(pooling);
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            throw new BadInputException("--out " + out + ": expected a file name ending in .npy");
        }
        featureOptions.validate();
        ClipInputs.Selection selection = inputs.select("embed", o);
        List<Clip> clips = selection.clips();
        boolean labelled = selection.labelled();
        List<Path> read = inputs.paths(clips);
        Outputs.file(out, read);
        Outputs.file(indexFileOf(out), read);
        FeatureExtractor.Result r;
        try (ClipFeaturizer f = Extraction.open(featureOptions)) {
            o.println("model: " + f.settings().withPooling(p).describe());
            r = Extraction.run(f, featureOptions, clips, "embed", o, e);
        }
        List<EmbeddingRows.Row> rows = EmbeddingRows.of(r.clips(), p);
        StringBuilder index = new StringBuilder(p == Pooling.NONE ? "row,file,start_seconds" : "row,file");
        index.append(labelled ? ",label,fold\n" : "\n");
        for (int i = 0; i < rows.size(); i++) {
            EmbeddingRows.Row row = rows.get(i);
            indexLine(index, i, row.clip(), row.pooled() ? null : String.format(Locale.ROOT, "%.2f", row.startSeconds()),
                    labelled);
        }
        Npy.write(out, rows.stream().map(EmbeddingRows.Row::values).toArray(float[][]::new));
        Path indexFile = indexFileOf(out);
        try {
            AtomicFile.write(indexFile, index.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw IoFailures.cannotWrite(indexFile, ex);
        }
        o.printf("wrote %s: float32 [%d, %d]; index %s%n", out, rows.size(),
                rows.isEmpty() ? 0 : rows.get(0).values().length, indexFile);
        return ExitCodes.OK;
    }

    /** {@code FEATURES.npy} -> {@code FEATURES.index.csv}. */
    static Path indexFileOf(Path npy) {
        String n = npy.getFileName().toString();
        String stem = n.substring(0, n.length() - 4);
        return npy.resolveSibling(stem + ".index.csv");
    }

    private static void indexLine(StringBuilder sb, int row, ClipFeatures c, String start, boolean labelled) {
        sb.append(row).append(',').append(csv(c.clip().path().toString()));
        if (start != null) {
            sb.append(',').append(start);
        }
        if (labelled) {
            sb.append(',').append(csv(c.clip().label())).append(',').append(c.clip().fold() > 0 ? c.clip().fold() : "");
        }
        sb.append('\n');
    }

    static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
