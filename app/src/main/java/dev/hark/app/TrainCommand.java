package dev.hark.app;

import dev.hark.core.dataset.Clip;
import dev.hark.core.dataset.Dataset;
import dev.hark.models.train.Folds;
import java.io.PrintWriter;
import java.nio.file.Path;
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
        HeadTraining.checkBeforeWork(out, classifier, featureOptions);
        Dataset ds = openSet.apply(Dataset.open(dataset));
        o.println(ds);
        List<Clip> clips = ds.clips();
        List<Integer> folds = null;
        if (trainFolds != null) {
            folds = Folds.parseIn(ds, trainFolds, "--train-folds");
            clips = ds.clipsInFolds(folds);
        }
        HeadTraining.run(ds, clips, folds == null ? "all" : folds.toString(), classifier, featureOptions, out, o, e);
        return ExitCodes.OK;
    }
}
