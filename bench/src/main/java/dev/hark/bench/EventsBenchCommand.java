package dev.hark.bench;

import dev.hark.app.ExitCodes;
import dev.hark.bench.events.Background;
import dev.hark.bench.events.BenchTargets;
import dev.hark.bench.events.ClipPool;
import dev.hark.bench.events.EventReport;
import dev.hark.bench.events.EventScore;
import dev.hark.bench.events.EventScorer;
import dev.hark.bench.events.LabelMatcher;
import dev.hark.bench.events.Scene;
import dev.hark.bench.events.SceneDetection;
import dev.hark.bench.events.SceneLayout;
import dev.hark.bench.events.SceneMixer;
import dev.hark.config.Bounds;
import dev.hark.config.ModelDefaults;
import dev.hark.config.listen.ListenSettings;
import dev.hark.config.listen.ListenSettingsFile;
import dev.hark.core.dataset.Dataset;
import dev.hark.core.io.AtomicFile;
import dev.hark.core.io.IoFailures;
import dev.hark.errors.BadInputException;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import dev.hark.models.train.Folds;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hark-bench events}: builds scenes from a data set's clips (targets with distractors between them, at known
 * times, over a quiet room or a given background, at the given SNRs), runs them through the {@code Detector} that
 * {@code hark listen} uses, with listen's defaults, and reports recall, precision, F1, false alarms per hour, onset
 * lines per real sound and onset latency per target and overall ({@link EventScorer} has the scoring rule).
 */
@Command(
        name = "events",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Event benchmark: scenes of targets and distractors at known times and SNRs, through the "
                + "listener with its defaults; recall, precision, F1, false alarms per hour, lines per sound, latency.")
final class EventsBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "DIR",
            description = "Data set the clips come from (ESC-50, UrbanSound8K or folder per class).")
    Path dataset;

    @Option(names = "--targets", paramLabel = "T,T,...", split = ",",
            description = "Target names (default: dog,baby_cry,glass_break,siren,knock,alarm).")
    List<String> targets = new ArrayList<>(BenchTargets.DEFAULT_TARGETS);

    @Option(names = "--map", paramLabel = "TARGET=CATEGORY",
            description = "The data-set category a target's sounds come from (repeatable; default: the category "
                    + "named like the target, else ESC-50's: baby_cry=crying_baby, glass_break=glass_breaking, "
                    + "knock=door_wood_knock, alarm=clock_alarm).")
    Map<String, String> map = new LinkedHashMap<>();

    @Option(names = "--distractors", paramLabel = "C,C,...|none", split = ",",
            description = "Distractor categories placed between the targets (default: ESC-50's household sounds "
                    + "that the data set has; 'none': targets only).")
    List<String> distractors;

    @Option(names = "--classifier", paramLabel = "MODEL.hark", description = "A head from 'hark train' (as listen "
            + "--classifier); its classes are the concepts.")
    Path classifier;

    @Option(names = "--snr", paramLabel = "DB,DB,...", split = ",", defaultValue = "0,10,20",
            description = "SNRs of the scenes in dB (default: ${DEFAULT-VALUE}); one scene each, same sounds and times.")
    List<Double> snrs;

    @Option(names = "--minutes", paramLabel = "M", defaultValue = "10",
            description = "Length of each scene (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seeds the choice of clips, their order, the gaps and the room (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--background", paramLabel = "FILE",
            description = "A recording to mix the sounds over, at its own level (default: a synthetic quiet room).")
    Path background;

    @Option(names = "--folds", paramLabel = "FOLDS",
            description = "Draw clips from these folds only, e.g. 4 (default: every clip).")
    String folds;

    @Option(names = "--match", paramLabel = "concept|audioset", defaultValue = "concept",
            description = "concept: an event matches target T when its label is T (or T's category); audioset: also "
                    + "when it is one of T's AudioSet labels (Dog, Bark, ...) (default: ${DEFAULT-VALUE}).")
    String match;

    @Option(names = "--label-map", paramLabel = "TARGET=LABEL;LABEL",
            description = "Further event labels that stand for a target (repeatable).")
    Map<String, String> labelMap = new LinkedHashMap<>();

    @Option(names = "--format", paramLabel = "text|jsonl", defaultValue = "text",
            description = "Output: a table, or JSON lines (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Write each scene (WAV), its sounds and every onset with its verdict (CSV) here.")
    Path report;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A listen config (.properties, .yaml or .yml, as listen --config) instead of listen's "
                    + "defaults: gate, thresholds, concepts; --classifier and --threads override it.")
    Path config;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "" + ModelDefaults.THREADS,
            description = "Model threads, as listen's --threads (default: ${DEFAULT-VALUE}; 0: every core).")
    int threads;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Bounds.check("--minutes", minutes, 0.5, 600);
        for (double s : snrs) {
            Bounds.check("--snr", s, -30, 60);
        }
        ModelDefaults.checkThreads("--threads", threads);
        boolean jsonl = switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> false;
            case "jsonl" -> true;
            default -> throw new BadInputException("bad value for --format: " + format + " (expected text or jsonl)");
        };
        boolean audioset = switch (match.strip().toLowerCase(Locale.ROOT)) {
            case "concept" -> false;
            case "audioset" -> true;
            default -> throw new BadInputException("bad value for --match: " + match + " (expected concept or audioset)");
        };
        if (targets.isEmpty() || targets.stream().anyMatch(String::isBlank)) {
            throw new BadInputException("--targets: expected target names separated by commas");
        }
        if (report != null) {
            try {
                AtomicFile.checkDirectory(report, EventReport.files(snrs).toArray(String[]::new));
            } catch (IOException e) {
                throw new BadInputException("cannot write " + report + ": " + IoFailures.reason(e), e);
            }
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put(ListenSettings.THREADS, Integer.toString(threads));
        if (classifier != null) {
            overrides.put(ListenSettings.CLASSIFIER, classifier.toString());
        }
        ListenSettings settings = ListenSettingsFile.load(config, overrides);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter info = jsonl ? spec.commandLine().getErr() : out;

        Dataset ds = Dataset.open(dataset);
        List<Integer> foldList = folds == null ? null : Folds.parseIn(ds, folds, "--folds");
        Map<String, String> categories = categories(ds);
        List<String> distractorList = distractors(ds);
        Map<String, List<String>> extra = new LinkedHashMap<>();
        if (audioset) {
            for (String t : targets) {
                extra.put(t, new ArrayList<>(BenchTargets.AUDIOSET_LABELS.getOrDefault(t, List.of())));
            }
        }
        labelMap.forEach((t, labels) -> {
            if (!targets.contains(t)) {
                throw new BadInputException("--label-map " + t + "=...: " + t + " is not among --targets " + targets);
            }
            for (String l : labels.split(";")) {
                if (!l.isBlank()) {
                    extra.computeIfAbsent(t, x -> new ArrayList<>()).add(l.strip());
                }
            }
        });
        LabelMatcher matcher = new LabelMatcher(categories, extra);

        List<String> all = new ArrayList<>(categories.values());
        all.addAll(distractorList);
        ClipPool pool = new ClipPool(ds, foldList, all, seed);
        SceneLayout layout = SceneLayout.plan(pool, categories, distractorList, minutes * 60, seed);
        Background bg = background == null ? Background.room(layout.samples(), seed)
                : Background.file(background, layout.samples());

        info.println("events bench: " + ds);
        List<String> named = new ArrayList<>();
        categories.forEach((t, c) -> named.add(t.equals(c) ? t : t + " (" + c + ")"));
        info.printf(Locale.ROOT, "targets: %s; %d distractor categories; clips from %s; seed %d%n",
                String.join(", ", named), distractorList.size(), foldList == null ? "every fold" : "folds " + foldList,
                seed);
        info.printf(Locale.ROOT, "scene: %.1f min over %s; %d sounds (%d targets, %d distractors) at the same times at "
                + "every SNR%s%n", layout.seconds() / 60, bg.description(), layout.slots().size(), layout.targets(),
                layout.slots().size() - layout.targets(), pool.skipped() > 0 ? "; " + pool.skipped()
                        + " clips skipped (unreadable or silent)" : "");
        info.printf(Locale.ROOT, "detector: %s%s; onsets matched by %s%n",
                config == null ? "hark listen's defaults" : "hark listen with --config " + config,
                classifier == null ? "" : " with --classifier " + classifier,
                audioset ? "concept name or AudioSet label" : "concept name");
        info.flush();
        if (layout.targets() == 0) {
            throw new BadInputException("--minutes " + Bounds.format(minutes) + ": too short for one sound");
        }

        try (Embedder embedder = Embedders.open(settings.model(), settings.threads())) {
            for (double snr : snrs) {
                Scene scene = SceneMixer.mix(layout, bg.samples(), bg.description(), snr);
                SceneDetection d = SceneDetection.run(scene, settings, embedder);
                EventScore score = EventScorer.score(targets, scene.sounds(), d.events(), matcher, scene.seconds());
                if (jsonl) {
                    EventReport.jsonl(out, scene, score, d.wallSeconds());
                } else {
                    EventReport.table(out, scene, score, d.wallSeconds());
                }
                out.flush();
                if (report != null) {
                    EventReport.write(report, scene, score);
                }
            }
        }
        if (report != null) {
            info.println("report: " + report + ": " + String.join(", ", EventReport.files(snrs)));
        }
        info.flush();
        return ExitCodes.OK;
    }

    /** Target -> category, each checked against the data set. */
    private Map<String, String> categories(Dataset ds) {
        for (String t : map.keySet()) {
            if (!targets.contains(t)) {
                throw new BadInputException("--map " + t + "=" + map.get(t) + ": " + t + " is not among --targets "
                        + targets);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String t : targets) {
            String c = map.containsKey(t) ? map.get(t)
                    : ds.labels().contains(t) ? t : BenchTargets.ESC50_CATEGORIES.get(t);
            if (c == null || !ds.labels().contains(c)) {
                throw new BadInputException("target " + t + ": the data set " + ds.root() + " has no category '"
                        + (c == null ? t : c) + "'; name one with --map " + t + "=CATEGORY");
            }
            if (out.containsValue(c)) {
                throw new BadInputException("target " + t + ": category " + c + " is already another target's");
            }
            out.put(t, c);
        }
        return out;
    }

    private List<String> distractors(Dataset ds) {
        if (distractors == null) {
            return BenchTargets.DEFAULT_DISTRACTORS.stream().filter(ds.labels()::contains).toList();
        }
        if (distractors.size() == 1 && distractors.get(0).strip().equalsIgnoreCase("none")) {
            return List.of();
        }
        for (String d : distractors) {
            if (!ds.labels().contains(d)) {
                throw new BadInputException("--distractors: the data set " + ds.root() + " has no category '" + d + "'");
            }
        }
        return List.copyOf(distractors);
    }
}
