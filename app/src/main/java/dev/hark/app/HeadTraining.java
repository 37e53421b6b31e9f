package dev.hark.app;

import dev.hark.core.dataset.Clip;
import dev.hark.core.dataset.Dataset;
import dev.hark.core.io.IoFailures;
import dev.hark.errors.BadInputException;
import dev.hark.models.head.Algorithm;
import dev.hark.models.head.Bundle;
import dev.hark.models.head.FeatureSettings;
import dev.hark.models.head.HeadExporter;
import dev.hark.models.head.Pooling;
import dev.hark.models.train.CrossValidation;
import dev.hark.models.train.Evaluation;
import dev.hark.models.train.ExportCheck;
import dev.hark.models.train.FeatureExtractor;
import dev.hark.models.train.HeadTrainer;
import dev.hark.models.train.ClipFeaturizer;
import dev.hark.models.train.OpenSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Training a head and writing its bundle, as {@code hark train} does and {@code hark teach --train} does after
 * recording: the checks made before any work, the features, the head with its rejection, the bundle checked against
 * the trained model, and the lines both print.
 */
final class HeadTraining {
    /** A head trained and saved: the features it was trained on, its classes, the head and the bundle. */
    record Trained(FeatureExtractor.Result features, FeatureSettings settings, List<String> classes,
            HeadTrainer.Head head, Bundle bundle) {
    }

    private HeadTraining() {
    }

    /** What is checked before any work: the bundle's name and place, the algorithm and its options, the features. */
    static void checkBeforeWork(Path out, ClassifierOptions classifier, FeatureOptions features) {
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".hark")) {
            throw new BadInputException("--out " + out + ": expected a file name ending in .hark");
        }
        Algorithm algorithm = classifier.algorithm();
        if (HeadExporter.refusal(algorithm) != null) {
            throw new BadInputException(HeadExporter.refusal(algorithm));
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
    static Trained run(Dataset ds, List<Clip> clips, String trainFolds, ClassifierOptions classifier,
            FeatureOptions featureOptions, Path out, PrintWriter o, PrintWriter e) {
        Algorithm algorithm = classifier.algorithm();
        Map<String, String> options = classifier.validatedOptions();
        List<String> classes = OpenSet.classes(ds.labels());
        FeatureExtractor.Result r;
        FeatureSettings settings;
        try (ClipFeaturizer f = Extraction.open(featureOptions)) {
            Pooling pooling = classifier.pooling(f.settings().isMfcc());
            settings = f.settings().withPooling(pooling);
            o.println("features: " + settings.describe());
            r = Extraction.run(f, featureOptions, clips, "train", o, e);
        }
        o.println("classifier: " + classifier.describe());
        long t0 = System.nanoTime();
        HeadTrainer.Head head = HeadTrainer.train(r.clips(), classes.size(), settings.pooling(), algorithm, options,
                classifier.seed, true);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        Evaluation self = CrossValidation.testHead(head.model(), head.rejection(), r.clips(), classes, 0,
                r.clips().size());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("dataset", ds.root().toString());
        summary.put("layout", ds.layout().displayName());
        summary.put("trainFolds", trainFolds);
        summary.put("clips", r.clips().size());
        summary.put("negatives", self.negativesTested());
        summary.put("skipped", r.failures().size());
        summary.put("seed", classifier.seed);
        summary.put("trainingAccuracy", self.meanAccuracy());
        summary.put("rejection", head.calibration());
        summary.put("trainingSeconds", Math.round(trainSeconds * 1000) / 1000.0);
        summary.put("created", Instant.now().toString());
        summary.put("hark", String.valueOf(Hark.class.getPackage().getImplementationVersion()));
        Bundle bundle = Bundle.of(classes, settings, head.model(), head.rejection(), summary);
        double difference = ExportCheck.require(head.model(), bundle, r.clips());
        try {
            bundle.save(out);
        } catch (IOException ex) { // checked before training; this is a disk that refused since
            throw IoFailures.cannotWrite(out, ex);
        }
        o.printf(Locale.ROOT, "trained on %d clips (%d negatives), %d labels in %.2f s (accuracy on the training "
                + "clips %.2f %%)%n", r.clips().size(), self.negativesTested(), classes.size(), trainSeconds,
                100 * self.meanAccuracy());
        o.println("rejection: " + describe(head));
        o.printf(Locale.ROOT, "head: ONNX graph (%s, %d probability columns), checked against the trained model on "
                + "every row of the %d clips: largest difference %.1e%n", algorithm.cliName(), bundle.columns(),
                r.clips().size(), difference);
        o.println("wrote " + out);
        return new Trained(r, settings, classes, head, bundle);
    }

    /** e.g. {@code unknown below 0.62 or when the background wins (calibrated on 4 folds ...: ...)}. */
    static String describe(HeadTrainer.Head h) {
        Map<String, Object> c = h.calibration();
        String s = String.format(Locale.ROOT, "'unknown' when the best label is below %.2f", h.rejection().minProbability())
                + (h.rejection().background() ? " or the background class (" + c.get("background") + ") wins" : "");
        Object known = c.get("heldOutKnownAccuracy");
        Object rejected = c.get("heldOutRejectionRate");
        if (known instanceof Double k && rejected instanceof Double rj) {
            return s + String.format(Locale.ROOT, "; threshold calibrated on %s: known clips right %.1f %%, "
                    + "negatives rejected %.1f %%", c.get("calibratedOn"), 100 * k, 100 * rj);
        }
        return s + " (" + c.get("calibratedOn") + ")";
    }
}
