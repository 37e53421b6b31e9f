package dev.hark.models.train;

import dev.hark.core.dataset.Clip;
import dev.hark.core.dataset.Dataset;
import dev.hark.core.dataset.DatasetFolder;
import dev.hark.core.io.IoFailures;
import dev.hark.errors.BadInputException;
import dev.hark.models.head.Bundle;
import dev.hark.models.head.FeatureSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A data set to a trained head bundle: the features of its clips, the head with its rejection ({@link HeadTrainer}),
 * the bundle checked against the trained model ({@link ExportCheck}) and saved. What {@code hark train} and
 * {@code hark teach --train} run, and {@code hark serve}'s page when it trains on the teaching folder.
 *
 * <pre>{@code
 * try (ClipFeaturizer f = Featurizers.open("yamnet", 0, 1)) {
 *     BundleTraining.Taught t = BundleTraining.teachingFolder(Path.of("dataset"), f, null, 1, HeadRecipe.defaults(),
 *             Path.of("mine.hark"), "1.0", System.out::println, (done, total) -> { });
 *     System.out.println(t.estimate().lines());
 * }
 * }</pre>
 */
public final class BundleTraining {
    /** What a teaching folder lacks to train on: nothing (null), any sound, or a second class. */
    public enum Shortfall {
        /** Only background, or nothing: no sound taught yet. */
        NO_SOUND,
        /** One sound and no background: a head needs two classes. */
        ONE_SOUND_NO_BACKGROUND
    }

    /** A head trained on a teaching folder, with its held-out estimate. */
    public record Taught(Dataset dataset, TrainedBundle trained, HoldOutEstimate estimate) {
    }

    private BundleTraining() {
    }

    /** What {@code folder} lacks to train a head, or null when it holds enough. */
    public static Shortfall shortfall(DatasetFolder folder) {
        List<String> labels = folder.labels();
        if (labels.isEmpty()) {
            return Shortfall.NO_SOUND;
        }
        if (labels.size() == 1 && folder.clips(null).isEmpty()) {
            return Shortfall.ONE_SOUND_NO_BACKGROUND;
        }
        return null;
    }

    /**
     * Trains on {@code clips} of {@code ds} (its labels: the classes, then {@code unknown} for negatives) whose
     * features are {@code features}, checks the bundle against the trained model and writes it to {@code out}.
     *
     * @param trainFolds the folds trained on, as the bundle's summary records them ({@code all}, or a list)
     * @param settings the features' settings with the pooling of {@code recipe} ({@link #settings})
     * @param harkVersion the version recorded in the bundle's summary
     */
    public static TrainedBundle train(Dataset ds, String trainFolds, FeatureExtractor.Result features,
            FeatureSettings settings, HeadRecipe recipe, Path out, String harkVersion) {
        List<String> classes = OpenSet.classes(ds.labels());
        List<ClipFeatures> clips = features.clips();
        long t0 = System.nanoTime();
        HeadTrainer.Head head = HeadTrainer.train(clips, classes.size(), settings.pooling(), recipe.algorithm(),
                recipe.options(), recipe.seed(), true);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        Evaluation self = CrossValidation.testHead(head.model(), head.rejection(), clips, classes, 0, clips.size());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("dataset", ds.root().toString());
        summary.put("layout", ds.layout().displayName());
        summary.put("trainFolds", trainFolds);
        summary.put("clips", clips.size());
        summary.put("negatives", self.negativesTested());
        summary.put("skipped", features.failures().size());
        summary.put("seed", recipe.seed());
        summary.put("trainingAccuracy", self.meanAccuracy());
        summary.put("rejection", head.calibration());
        summary.put("trainingSeconds", Math.round(trainSeconds * 1000) / 1000.0);
        summary.put("created", Instant.now().toString());
        summary.put("hark", harkVersion);
        Bundle bundle = Bundle.of(classes, settings, head.model(), head.rejection(), summary);
        double difference = ExportCheck.require(head.model(), bundle, clips);
        try {
            bundle.save(out);
        } catch (IOException ex) {
            throw IoFailures.cannotWrite(out, ex);
        }
        return new TrainedBundle(features, settings, classes, recipe, head, bundle, out, trainSeconds, self,
                difference);
    }

    /** The featurizer's settings with the pooling {@code recipe} uses on them. */
    public static FeatureSettings settings(ClipFeaturizer featurizer, HeadRecipe recipe) {
        return featurizer.settings().withPooling(recipe.pooling(featurizer.settings().isMfcc()));
    }

    /**
     * A teaching folder ({@code DIR/LABEL/*.wav}, background in {@code DIR/_negative/}) to a bundle at {@code out}
     * and the held-out estimate, as {@code hark teach --train} does: every clip, negatives as {@code unknown}.
     *
     * @param cache the feature cache, or null
     * @param lines receives the lines {@code hark train} prints, as they come
     * @param progress receives the clips featurized so far
     * @throws BadInputException when the folder holds too little to train ({@link #shortfall}), or no readable clip
     */
    public static Taught teachingFolder(Path dir, ClipFeaturizer featurizer, EmbeddingCache cache, int decodeWorkers,
            HeadRecipe recipe, Path out, String harkVersion, Consumer<String> lines,
            FeatureExtractor.Progress progress) {
        Objects.requireNonNull(lines);
        Shortfall s = shortfall(new DatasetFolder(dir));
        if (s != null) {
            throw new BadInputException("too little data to train: " + (s == Shortfall.NO_SOUND
                    ? "no sound taught yet in " + dir + ", only background"
                    : "one sound and no background in " + dir + "; teach another sound or record the background"));
        }
        Dataset ds = OpenSet.of(Dataset.open(dir), List.of(), List.of(), null);
        lines.accept(ds.toString());
        FeatureSettings settings = settings(featurizer, recipe);
        lines.accept("features: " + settings.describe());
        List<Clip> clips = ds.clips();
        FeatureExtractor.Result r = new FeatureExtractor(featurizer, cache, decodeWorkers).extract(clips, progress);
        if (r.clips().isEmpty()) {
            throw new BadInputException("no readable clip among " + clips.size() + " in " + dir);
        }
        for (FeatureExtractor.Failure f : r.failures()) {
            lines.accept("skipped " + f.file() + ": " + f.reason());
        }
        lines.accept("classifier: " + recipe.describe());
        TrainedBundle t = train(ds, "all", r, settings, recipe, out, harkVersion);
        t.report().forEach(lines);
        HoldOutEstimate e = HoldOutEstimate.of(ds, t);
        e.lines().forEach(lines);
        return new Taught(ds, t, e);
    }
}
