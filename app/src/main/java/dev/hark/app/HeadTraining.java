package dev.hark.app;

import dev.hark.core.audio.NoiseMix;
import dev.hark.core.dataset.Clip;
import dev.hark.core.dataset.Dataset;
import dev.hark.errors.BadInputException;
import dev.hark.models.head.FeatureSettings;
import dev.hark.models.head.HeadExporter;
import dev.hark.models.train.BundleTraining;
import dev.hark.models.train.ClipFeaturizer;
import dev.hark.models.train.FeatureExtractor;
import dev.hark.models.train.HeadRecipe;
import dev.hark.models.train.TrainedBundle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The command-line side of training ({@code hark train}, and {@code hark teach --train} after recording): the checks
 * made before any work, the featurizer opened with a progress display, and the lines both print. The training
 * itself is the library's {@link BundleTraining}.
 */
final class HeadTraining {
    private HeadTraining() {
    }

    /** What is checked before any work: the bundle's name and place, the algorithm and its options, the features. */
    static void checkBeforeWork(Path out, ClassifierOptions classifier, FeatureOptions features) {
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".hark")) {
            throw new BadInputException("--out " + out + ": expected a file name ending in .hark");
        }
        String refusal = HeadExporter.refusal(classifier.algorithm());
        if (refusal != null) {
            throw new BadInputException(refusal);
        }
        classifier.validatedOptions();
        features.validate();
        Outputs.fileInNewDirectory(out, Outputs.none());
    }

    /**
     * Trains on {@code clips} of {@code ds} (its labels: classes, then {@code unknown} for negatives), writes
     * {@code out}, and prints what {@code hark train} prints from the features on.
     *
     * @param trainFolds the folds trained on, as the summary records them ({@code all}, or a list)
     */
    static TrainedBundle run(Dataset ds, List<Clip> clips, String trainFolds, ClassifierOptions classifier,
            FeatureOptions featureOptions, Path out, PrintWriter o, PrintWriter e) {
        return run(ds, clips, List.of(), trainFolds, classifier, featureOptions, out, o, e);
    }

    /** The same, trained also on each clip over pink noise at every SNR of {@code noise}. */
    static TrainedBundle run(Dataset ds, List<Clip> clips, List<NoiseMix> noise, String trainFolds,
            ClassifierOptions classifier, FeatureOptions featureOptions, Path out, PrintWriter o, PrintWriter e) {
        HeadRecipe recipe = classifier.recipe();
        FeatureExtractor.Result r;
        FeatureSettings settings;
        try (ClipFeaturizer f = Extraction.open(featureOptions)) {
            settings = BundleTraining.settings(f, recipe);
            o.println("features: " + settings.describe());
            r = Extraction.run(f, featureOptions, clips, noise, "train", o, e);
        }
        o.println("classifier: " + recipe.describe());
        TrainedBundle t = BundleTraining.train(ds, trainFolds, r, settings, recipe, out,
                String.valueOf(Hark.class.getPackage().getImplementationVersion()));
        t.report().forEach(o::println);
        return t;
    }
}
