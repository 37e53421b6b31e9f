package dev.hark.app;

import dev.hark.core.dataset.Dataset;
import dev.hark.models.train.OpenSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options choosing a head's classes and negatives, shared by {@code train} and {@code evaluate}: negatives train
 * the background class that lets a head say {@code unknown}, and test how often it does.
 */
public final class OpenSetOptions {
    @Option(names = "--classes", split = ",", paramLabel = "LABEL[,LABEL...]",
            description = "Learn only these labels of the data set (default: all but the negative ones).")
    List<String> classes = new ArrayList<>();

    @Option(names = "--negative-labels", split = ",", paramLabel = "LABEL[,LABEL...]",
            description = "Labels of the data set whose clips are negatives: sounds of none of the classes.")
    List<String> negativeLabels = new ArrayList<>();

    @Option(names = "--negatives", paramLabel = "DIR",
            description = "A directory of negative clips (any audio files under it; dealt over the data set's folds).")
    Path negatives;

    /** {@code ds} with the classes chosen and the negatives under a last label {@code unknown}. */
    Dataset apply(Dataset ds) {
        return OpenSet.of(ds, classes, negativeLabels, negatives);
    }
}
