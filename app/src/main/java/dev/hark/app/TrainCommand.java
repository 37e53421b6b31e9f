package dev.hark.app;

import dev.hark.config.Bounds;
import dev.hark.core.audio.NoiseMix;
import dev.hark.core.dataset.Clip;
import dev.hark.core.dataset.Dataset;
import dev.hark.errors.BadInputException;
import dev.hark.models.train.Folds;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code hark train}: trains a classifier on a labelled data set and saves it as a {@code .hark} bundle. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a classifier on a labelled data set (embeddings or MFCCs + a Smile classifier) and "
                + "save it as a .hark bundle for 'hark classify --classifier' and 'hark evaluate --classifier'."})
final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "DIR",
            description = "Data set directory (ESC-50, UrbanSound8K or folder per class).")
    Path dataset;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "MODEL.hark", description = "The bundle to write.")
    Path out;

    @Option(names = {"--train-folds", "--folds"}, paramLabel = "FOLDS",
            description = "Train only on these folds of the data set, e.g. 1-3 or 1,2,3 (default: all clips).")
    String trainFolds;

    @Option(names = "--augment-noise", split = ",", paramLabel = "SNR",
            description = "Also train on every clip over pink noise at these signal-to-noise ratios in dB, e.g. 10,0 "
                    + "(a copy per SNR; the clip's silent patches stay out; default: clean clips only).")
    List<Double> augmentNoise = List.of();

    @Option(names = "--augment-levels", split = ",", paramLabel = "DB",
            description = "With --augment-noise: make those copies at each of these levels in dB relative to the clip, "
                    + "e.g. 0,-20 (the noise follows the clip, the SNR stays: the sound from further away; -40 to 0; "
                    + "default: 0, the clip's own level).")
    List<Double> augmentLevels = List.of();

    @Mixin
    ClassifierOptions classifier;

    @Mixin
    OpenSetOptions openSet;

    @Mixin
    FeatureOptions featureOptions;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        List<NoiseMix> noise = noiseMixes(augmentNoise, augmentLevels);
        HeadTraining.checkBeforeWork(out, classifier, featureOptions);
        Dataset ds = openSet.apply(Dataset.open(dataset));
        o.println(ds);
        List<Clip> clips = ds.clips();
        List<Integer> folds = null;
        if (trainFolds != null) {
            folds = Folds.parseIn(ds, trainFolds, "--train-folds");
            clips = ds.clipsInFolds(folds);
        }
        HeadTraining.run(ds, clips, noise, folds == null ? "all" : folds.toString(), classifier, featureOptions, out,
                o, e);
        return ExitCodes.OK;
    }

    /**
     * {@code --augment-noise}'s SNRs at each of {@code --augment-levels}' levels (none: 0 dB), checked: SNRs from
     * -20 to 60 dB, levels from -40 to 0 dB, none twice; levels need SNRs.
     */
    static List<NoiseMix> noiseMixes(List<Double> snrs, List<Double> levels) {
        if (!levels.isEmpty() && snrs.isEmpty()) {
            throw new BadInputException("--augment-levels needs --augment-noise: the levels are those of the copies "
                    + "over noise");
        }
        distinct("--augment-noise", snrs, NoiseMix.MIN_SNR_DB, NoiseMix.MAX_SNR_DB);
        distinct("--augment-levels", levels, NoiseMix.MIN_LEVEL_DB, 0);
        List<NoiseMix> out = new ArrayList<>();
        for (double level : levels.isEmpty() ? List.of(0.0) : levels) {
            for (double snr : snrs) {
                out.add(new NoiseMix(snr, level));
            }
        }
        return List.copyOf(out);
    }

    private static void distinct(String option, List<Double> values, double min, double max) {
        List<Double> seen = new ArrayList<>();
        for (double v : values) {
            Bounds.check(option, v, min, max);
            if (seen.contains(v)) {
                throw new BadInputException("bad value for " + option + ": " + Bounds.format(v) + " twice (allowed "
                        + Bounds.format(min) + " to " + Bounds.format(max) + " dB, each once)");
            }
            seen.add(v);
        }
    }
}
