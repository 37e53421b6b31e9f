package dev.hark.app;

import dev.hark.config.Bounds;
import dev.hark.config.OnsetRule;
import dev.hark.config.listen.ListenSettings;
import dev.hark.config.listen.ListenSettingsFile;
import dev.hark.core.dataset.Dataset;
import dev.hark.core.io.AtomicFile;
import dev.hark.errors.BadInputException;
import dev.hark.live.calibrate.Calibrator;
import dev.hark.live.calibrate.ConceptCalibration;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code hark calibrate}: chooses each concept's threshold on the user's own recordings with the {@link Calibrator}
 * and writes them as a listen config ({@code events.thresholds.NAME = T}, with {@code --onsets} also
 * {@code events.onsets.NAME = K/N}) that {@code hark listen --config} reads.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Choose each concept's threshold on your recordings: the lowest threshold whose false alarms on",
            "the other sounds stay under --max-false-alarms; writes a config for 'hark listen --config'."})
final class CalibrateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "[CONCEPT=]DIR",
            description = "A folder of clips of one concept (named after it, or CONCEPT=DIR); see 'hark labels --concepts'.")
    List<String> targets;

    @Option(names = "--others", paramLabel = "DIR", required = true,
            description = "A folder of background and other sounds (none of the concepts).")
    Path others;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.properties", required = true,
            description = "The listen config to write, with the calibrated threshold of each concept.")
    Path output;

    @Option(names = "--max-false-alarms", paramLabel = "PER_HOUR", defaultValue = "10",
            description = "Target rate: false alarms per hour of other sounds, per concept (default ${DEFAULT-VALUE}).")
    double maxFalseAlarmsPerHour;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A listen config (model, classifier, gate, event settings, your concepts) to calibrate for.")
    Path config;

    @Option(names = "--onsets", paramLabel = "K/N", split = ",",
            description = "Onset rules to try for each concept (K of the last N windows above the threshold), e.g. "
                    + "1/1,2/2: the one that keeps the most recall within the target is written as "
                    + "events.onsets.NAME (default: each concept's own rule, not written).")
    List<String> onsetRules;

    @Override
    public Integer call() throws IOException {
        Bounds.check("--max-false-alarms", maxFalseAlarmsPerHour, 0.0, 1e6);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<OnsetRule> rules = new ArrayList<>();
        for (String r : onsetRules == null ? List.<String>of() : onsetRules) {
            OnsetRule rule = OnsetRule.parse("--onsets", r);
            if (rules.contains(rule)) {
                throw new BadInputException("bad value for --onsets: " + rule + " is given twice");
            }
            rules.add(rule);
        }
        ListenSettings s = ListenSettingsFile.load(config, Map.of());
        Map<String, List<Path>> clips = new LinkedHashMap<>();
        List<Path> inputs = new ArrayList<>();
        for (String t : targets) {
            int eq = t.indexOf('=');
            Path dir = Path.of(eq < 0 ? t : t.substring(eq + 1));
            String name = eq < 0 ? (dir.getFileName() == null ? t : dir.getFileName().toString()) : t.substring(0, eq);
            clips.put(name, audioIn(dir));
            inputs.add(dir);
        }
        List<Path> other = audioIn(others);
        inputs.add(others);
        AtomicFile.checkTarget(output, inputs);
        List<ConceptCalibration> results;
        int total = clips.values().stream().mapToInt(List::size).sum() + other.size();
        int[] done = {0};
        try (Embedder embedder = Embedders.open(s.model(), s.threads())) {
            results = new Calibrator(s, embedder, maxFalseAlarmsPerHour, rules).calibrate(clips, other, p -> {
                if (++done[0] % 50 == 0 || done[0] == total) {
                    err.printf(Locale.ROOT, "hark calibrate: %d/%d clips%n", done[0], total);
                    err.flush();
                }
            });
        }
        StringBuilder file = new StringBuilder();
        file.append("# written by hark calibrate: per concept, the lowest threshold whose false alarms on ")
                .append(other.size()).append(" other clips (").append(others).append(") and the other concepts' clips")
                .append(String.format(Locale.ROOT, " stay at or under %s per hour%n", Bounds.format(maxFalseAlarmsPerHour)));
        boolean tried = !rules.isEmpty();
        if (tried) {
            file.append("# onset rules tried: ").append(String.join(", ", rules.stream().map(OnsetRule::toString)
                    .toList())).append("; per concept the one whose threshold keeps the most recall\n");
        }
        out.printf(Locale.ROOT, "%-16s %9s %7s %12s %8s%s%n", "concept", "threshold", "recall", "false alarms", "per hour",
                tried ? "  onset" : "");
        for (ConceptCalibration r : results) {
            String line = String.format(Locale.ROOT, "%-16s %9.2f %7.3f %12d %8.1f%s%s", r.concept(), r.threshold(),
                    r.recall(), r.falseAlarms(), r.falseAlarmsPerHour(),
                    tried ? String.format(Locale.ROOT, "  %5s", r.onset()) : "", r.met() ? "" : "  (target not met)");
            out.println(line);
            file.append(String.format(Locale.ROOT, "# %s: recall %.3f on %d clips, %d false alarms (%.1f per hour of "
                    + "%.0f s)%s%n", r.concept(), r.recall(), r.targets(), r.falseAlarms(), r.falseAlarmsPerHour(),
                    r.othersSeconds(), r.met() ? "" : ", target not met"));
            file.append(ListenSettings.THRESHOLD_PREFIX).append(r.concept()).append(" = ")
                    .append(String.format(Locale.ROOT, "%.2f", r.threshold())).append('\n');
            if (tried) {
                file.append(ListenSettings.ONSETS_PREFIX).append(r.concept()).append(" = ").append(r.onset())
                        .append('\n');
            }
        }
        AtomicFile.write(output, file.toString().getBytes(StandardCharsets.UTF_8));
        out.println("wrote " + output + " (use: hark listen --config " + output + ")");
        out.flush();
        return ExitCodes.OK;
    }

    private static List<Path> audioIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("calibrate: " + dir + " is not a folder");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).filter(Dataset::isAudioFile).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new BadInputException("calibrate: no audio files in " + dir);
        }
        return files;
    }
}
