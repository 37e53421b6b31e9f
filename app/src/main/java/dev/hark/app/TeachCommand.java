package dev.hark.app;

import dev.hark.config.Bounds;
import dev.hark.config.listen.ListenSettings;
import dev.hark.config.listen.ListenSettingsFile;
import dev.hark.core.dataset.Dataset;
import dev.hark.core.dataset.DatasetFolder;
import dev.hark.errors.BadInputException;
import dev.hark.live.capture.MicrophoneSource;
import dev.hark.live.teach.CutSettings;
import dev.hark.live.teach.Take;
import dev.hark.live.teach.Teacher;
import dev.hark.models.train.BundleTraining;
import dev.hark.models.train.HoldOutEstimate;
import dev.hark.models.train.OpenSet;
import dev.hark.models.train.TrainedBundle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code hark teach}: records examples of a sound from the microphone into a folder-per-class data set (the
 * library's {@link Teacher} does the work: this wires it to the options and the terminal), and with {@code --train}
 * trains a head on the data set as {@code hark train} does, with a leave-one-out estimate of how well it will do.
 */
@Command(name = "teach", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Teach Hark a sound at the microphone: records N examples of LABEL (it waits for each sound, "
                + "trims it to the sound plus a margin, and saves it as a 16 kHz WAV in DIR/LABEL/), or with "
                + "--background the room's own sound as negatives (DIR/_negative/). 'hark train --dataset DIR' "
                + "learns from them; --train does it at once.",
            "Exit codes: 0 done (or stopped by Ctrl-C), 2 no microphone / bad device / bad option / too little data "
                + "to train, 3 model problem."})
final class TeachCommand implements Callable<Integer> {
    /** Where examples go without {@code --into} (also {@code hark feedback}'s). */
    static final String DEFAULT_DATASET = "dataset";
    static final int DEFAULT_EXAMPLES = 5;
    static final double DEFAULT_BACKGROUND_SECONDS = 30;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "LABEL",
            description = "The sound's name, the data set's folder for it (not with --background).")
    String label;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "" + DEFAULT_EXAMPLES,
            description = "How many examples to record (default ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--background", description = "Record the background (room tone, everyday sound) as negatives.")
    boolean background;

    @Option(names = "--seconds", paramLabel = "S",
            description = "With --background: how long to record (default 30), saved in pieces of 5 s.")
    Double seconds;

    @Option(names = "--into", paramLabel = "DIR", defaultValue = DEFAULT_DATASET,
            description = "The data set folder (default: ./${DEFAULT-VALUE}).")
    Path into;

    @Option(names = "--device", paramLabel = "INDEX|NAME",
            description = "Capture device by index or (part of) its name, see 'hark devices' (default: system default).")
    String device;

    @Option(names = "--margin", paramLabel = "SECONDS", defaultValue = "" + CutSettings.DEFAULT_MARGIN_SECONDS,
            description = "Audio kept before and after each sound (default ${DEFAULT-VALUE}).")
    double margin;

    @Option(names = "--max-seconds", paramLabel = "SECONDS", defaultValue = "" + CutSettings.DEFAULT_MAX_SOUND_SECONDS,
            description = "The longest sound kept; a longer one is cut there (default ${DEFAULT-VALUE}).")
    double maxSeconds;

    @Option(names = "--gate", paramLabel = "MODE",
            description = "Activity gate that hears each sound: energy, webrtc or both (default: both, as listen).")
    String gate;

    @Option(names = "--energy-threshold", paramLabel = "DBFS", description = "Energy gate level (default -50 dBFS).")
    String energyThreshold;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Give up after this much audio (default: until every example is recorded, or Ctrl-C).")
    String duration;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A 'hark listen' settings file: its source and gate settings apply; options override it.")
    Path config;

    @Option(names = "--train", paramLabel = "MODEL.hark",
            description = "Then train a head on the data set (as 'hark train --dataset DIR --out MODEL.hark') and "
                    + "estimate its accuracy and its rejection of the background, leaving one clip out at a time.")
    Path train;

    @Mixin
    ClassifierOptions classifier;

    @Mixin
    FeatureOptions featureOptions;

    private Map<String, String> overrides() {
        Map<String, String> m = new LinkedHashMap<>();
        if (device != null) {
            m.put(ListenSettings.DEVICE, device);
        }
        if (gate != null) {
            m.put(ListenSettings.GATE_MODE, gate);
        }
        if (energyThreshold != null) {
            m.put(ListenSettings.ENERGY_THRESHOLD, energyThreshold);
        }
        if (duration != null) {
            m.put(ListenSettings.DURATION, duration);
        }
        return m;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (background == (label != null)) {
            throw new BadInputException(background ? "give either a LABEL or --background, not both"
                    : "give the LABEL of the sound to teach, or --background");
        }
        if (label != null) {
            DatasetFolder.checkLabel(label, "LABEL");
            Bounds.check("--examples", examples, 1, Teacher.MAX_EXAMPLES);
        }
        if (seconds != null && !background) {
            throw new BadInputException("--seconds is the length of the background: give it with --background");
        }
        double backgroundSeconds = seconds != null ? seconds : DEFAULT_BACKGROUND_SECONDS;
        Bounds.check("--seconds", backgroundSeconds, 1, Teacher.MAX_BACKGROUND_SECONDS);
        CutSettings cut = CutSettings.defaults();
        Bounds.check("--margin", margin, 0, 5);
        Bounds.check("--max-seconds", maxSeconds, 0.1, 120);
        cut = cut.withMarginSeconds(margin).withMaxSoundSeconds(maxSeconds);
        ListenSettings s = ListenSettingsFile.load(config, overrides());
        if (s.input() != null) {
            throw new BadInputException("hark teach records from a device: " + ListenSettings.INPUT
                    + " of --config " + config + " is not used here");
        }
        if (train != null) {
            HeadTraining.checkBeforeWork(train, classifier, featureOptions); // before recording, not after
        }
        DatasetFolder folder = new DatasetFolder(into);
        Take take;
        try (Teacher teacher = Teacher.builder().source(new MicrophoneSource(s.device())).dataset(into).settings(s)
                .cut(cut).build()) {
            TeachDisplay display = new TeachDisplay(out, err, Progress.terminal(), label != null ? label : "background");
            List<SignalTrap> traps = SignalTrap.onStop(teacher::stop, "INT", "TERM", "HUP");
            try {
                take = label != null ? teacher.examples(label, examples, display)
                        : teacher.background(backgroundSeconds, display);
            } finally {
                traps.forEach(SignalTrap::restore);
            }
        }
        out.println(holds(folder, label));
        if (train == null) {
            return ExitCodes.OK;
        }
        if (!take.complete()) {
            out.println("not training: the recording ended early; when the data set is ready: hark train --dataset "
                    + into + " --out " + train);
            return ExitCodes.OK;
        }
        trainAndEstimate(folder, out, err);
        return ExitCodes.OK;
    }

    /** e.g. {@code dataset/dog now holds 5 examples of dog}. */
    static String holds(DatasetFolder folder, String label) {
        int n = folder.clips(label).size();
        return folder.folder(label) + " now holds " + n + (label == null ? " negative" : " example")
                + (n == 1 ? "" : "s") + (label == null ? "" : " of " + label);
    }

    /** Trains as {@code hark train} does, then estimates accuracy and rejection with clips held out. */
    private void trainAndEstimate(DatasetFolder folder, PrintWriter out, PrintWriter err) {
        BundleTraining.Shortfall shortfall = BundleTraining.shortfall(folder);
        if (shortfall == BundleTraining.Shortfall.NO_SOUND) {
            throw new BadInputException("too little data to train: no sound taught yet in " + into
                    + " (hark teach LABEL), only background");
        }
        if (shortfall == BundleTraining.Shortfall.ONE_SOUND_NO_BACKGROUND) {
            throw new BadInputException("too little data to train: one sound (" + folder.labels().get(0) + ") and no "
                    + "background in " + into + "; teach another sound (hark teach LABEL) or record the background "
                    + "(hark teach --background), then train");
        }
        Dataset ds = OpenSet.of(Dataset.open(into), List.of(), List.of(), null);
        out.println(ds);
        TrainedBundle t = HeadTraining.run(ds, ds.clips(), "all", classifier, featureOptions, train, out, err);
        HoldOutEstimate.of(ds, t).lines().forEach(out::println);
    }
}
