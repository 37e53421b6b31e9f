package dev.hark.app;

import dev.hark.config.ModelDefaults;
import dev.hark.config.listen.EventSettings;
import dev.hark.config.listen.ListenSettingsFile;
import dev.hark.live.TrackedConcepts;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import dev.hark.models.head.Bundle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code hark labels}: what can be detected. The model's labels with the concepts each belongs to, or
 * ({@code --concepts}) the concepts with their classes and thresholds; a bundle's labels with {@code --classifier}.
 */
@Command(name = "labels", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List what can be detected: each label of the model with the concepts it belongs to,",
            "or (--concepts) each concept with its threshold and classes; a trained head's labels with --classifier."})
final class LabelsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "yamnet|vggish|PATH", defaultValue = ModelDefaults.MODEL,
            description = "Embedding model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--classifier", paramLabel = "MODEL.hark", description = "A head trained with 'hark train'.")
    Path classifier;

    @Option(names = "--concepts", description = "List the concepts (threshold, default or not, classes) instead.")
    boolean concepts;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A listen config: its concepts and thresholds are shown as listen would use them.")
    Path config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EventSettings events = ListenSettingsFile.load(config, Map.of()).events();
        List<String> labels;
        boolean own = classifier != null;
        if (own) {
            labels = Bundle.load(classifier).labels();
        } else {
            try (Embedder e = Embedders.open(model, ModelDefaults.THREADS)) {
                labels = e.labels();
                if (labels.isEmpty()) {
                    out.println("model " + e.name() + " gives embeddings only, no labels: train a head on it "
                            + "('hark train'), then 'hark labels --classifier MODEL.hark'");
                    out.flush();
                    return ExitCodes.OK;
                }
            }
        }
        List<TrackedConcepts.Info> info = TrackedConcepts.available(labels, events, own);
        if (concepts) {
            printConcepts(out, info);
        } else {
            printLabels(out, labels, info, own);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The narrowest the label column is (AudioSet's longest label is 40 characters). */
    static final int LABEL_WIDTH = 44;
    /** The narrowest the concept column of {@code --concepts} is (the catalogue's longest name is 15). */
    static final int CONCEPT_WIDTH = 16;

    /** A column as wide as its longest name, and at least {@code min}: a trained head's labels may be longer. */
    private static int width(List<String> names, int min) {
        return Math.max(min, names.stream().mapToInt(String::length).max().orElse(0));
    }

    private static void printLabels(PrintWriter out, List<String> labels, List<TrackedConcepts.Info> info,
            boolean own) {
        Map<String, List<String>> conceptsOf = new LinkedHashMap<>();
        for (TrackedConcepts.Info c : info) {
            for (String l : c.classes()) {
                conceptsOf.computeIfAbsent(l, k -> new ArrayList<>()).add(c.name());
            }
        }
        out.printf(Locale.ROOT, "%d labels (%s):%n", labels.size(), own ? "label: its event name; 'unknown' "
                + "never raises an event" : "label: the concepts it belongs to; '-': none, it makes no event "
                + "unless --raw-labels");
        String row = "%4d  %-" + width(labels, LABEL_WIDTH) + "s %s%n";
        for (int i = 0; i < labels.size(); i++) {
            List<String> c = conceptsOf.getOrDefault(labels.get(i), List.of());
            out.printf(Locale.ROOT, row, i, labels.get(i), c.isEmpty() ? "-" : String.join(", ", c));
        }
    }

    private static void printConcepts(PrintWriter out, List<TrackedConcepts.Info> info) {
        out.printf(Locale.ROOT, "%d concepts (name, threshold, tracked by default, classes):%n", info.size());
        String row = "%-" + width(info.stream().map(TrackedConcepts.Info::name).toList(), CONCEPT_WIDTH)
                + "s %.2f  %-3s  %s%n";
        for (TrackedConcepts.Info c : info) {
            out.printf(Locale.ROOT, row, c.name(), c.threshold(), c.byDefault() ? "yes" : "no",
                    c.classes().isEmpty() ? "(sound level above the noise floor, no model)"
                            : String.join("; ", c.classes()));
        }
    }
}
