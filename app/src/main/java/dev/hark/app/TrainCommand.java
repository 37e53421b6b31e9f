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
        List<NoiseMix> noise = noiseMixes(augmentNoise);
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

    /** {@code --augment-noise}'s SNRs, checked: each from -20 to 60 dB, none twice. */
    static List<NoiseMix> noiseMixes(List<Double> snrs) {
        List<NoiseMix> out = new ArrayList<>();
        for (double snr : snrs) {
            NoiseMix m = new NoiseMix(Bounds.check("--augment-noise", snr, NoiseMix.MIN_SNR_DB, NoiseMix.MAX_SNR_DB));
            if (out.contains(m)) {
                throw new BadInputException("bad value for --augment-noise: " + Bounds.format(snr)
                        + " twice (allowed " + Bounds.format(NoiseMix.MIN_SNR_DB) + " to "
                        + Bounds.format(NoiseMix.MAX_SNR_DB) + " dB, each once)");
            }
            out.add(m);
        }
        return List.copyOf(out);
    }
}
