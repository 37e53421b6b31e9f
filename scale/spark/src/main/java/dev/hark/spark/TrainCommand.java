package dev.hark.spark;

import dev.hark.app.ClassifierOptions;
import dev.hark.core.dataset.Dataset;
import dev.hark.core.io.AtomicFile;
import dev.hark.core.io.IoFailures;
import dev.hark.errors.BadInputException;
import dev.hark.models.head.Algorithm;
import dev.hark.models.head.Bundle;
import dev.hark.models.head.FeatureSettings;
import dev.hark.models.head.HeadExporter;
import dev.hark.models.head.Pooling;
import dev.hark.models.train.ClipFeatures;
import dev.hark.models.train.CrossValidation;
import dev.hark.models.train.Evaluation;
import dev.hark.models.train.ExportCheck;
import dev.hark.models.train.Folds;
import dev.hark.models.train.HeadTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hark-spark train}: {@code hark train} on the embeddings of a Parquet table (no re-embedding). */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a classifier on the labelled embeddings of a table written by 'hark-spark embed "
                + "--dataset' and save it as a .hark bundle (as 'hark train' does from audio)."})
final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--embeddings", required = true, paramLabel = "TABLE.parquet",
            description = "An embeddings table with labels (hark-spark embed --dataset).")
    String embeddings;

    @Option(names = "--model", paramLabel = "NAME",
            description = "Use the table's rows of this model (needed when it holds several).")
    String model;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "MODEL.hark", description = "The bundle to write.")
    Path out;

    @Option(names = {"--train-folds", "--folds"}, paramLabel = "FOLDS",
            description = "Train only on these folds, e.g. 1-3 or 1,2,3 (default: all clips).")
    String trainFolds;

    @Mixin
    ClassifierOptions classifier;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".hark")) {
            throw new BadInputException("--out " + out + ": expected a file name ending in .hark");
        }
        Algorithm algorithm = classifier.algorithm();
        if (HeadExporter.refusal(algorithm) != null) {
            throw new BadInputException(HeadExporter.refusal(algorithm));
        }
        Map<String, String> options = classifier.validatedOptions();
        try {
            AtomicFile.checkTarget(out, List.of());
        } catch (IOException ex) {
            throw IoFailures.cannotWrite(out, ex);
        }
        TableFeatures t;
        SparkSession spark = Sessions.open(master);
        try {
            t = TableFeatures.read(spark, embeddings, model);
        } finally {
            spark.stop();
        }
        o.println(t.describe());
        Dataset ds = t.dataset();
        List<ClipFeatures> clips = t.clips();
        List<Integer> folds = null;
        if (trainFolds != null) {
            folds = Folds.parseIn(ds, trainFolds, "--train-folds");
            List<Integer> f = folds;
            clips = clips.stream().filter(c -> f.contains(c.clip().fold())).toList();
        }
        Pooling pooling = t.trainingPooling(classifier.pooling(t.settings().isMfcc()));
        FeatureSettings settings = t.settings().withPooling(pooling);
        o.println("features: " + settings.describe());
        o.println("classifier: " + classifier.describe());
        long t0 = System.nanoTime();
        HeadTrainer.Head head = HeadTrainer.train(clips, ds.labels().size(), pooling, algorithm, options,
                classifier.seed, true);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        Evaluation self = CrossValidation.testHead(head.model(), head.rejection(), clips, ds.labels(), 0,
                clips.size());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("embeddings", embeddings);
        summary.put("trainFolds", folds == null ? "all" : folds.toString());
        summary.put("clips", clips.size());
        summary.put("seed", classifier.seed);
        summary.put("trainingAccuracy", self.meanAccuracy());
        summary.put("rejection", head.calibration());
        summary.put("trainingSeconds", Math.round(trainSeconds * 1000) / 1000.0);
        summary.put("created", Instant.now().toString());
        summary.put("hark", String.valueOf(HarkSpark.class.getPackage().getImplementationVersion()));
        Bundle bundle = Bundle.of(ds.labels(), settings, head.model(), head.rejection(), summary);
        ExportCheck.require(head.model(), bundle, clips);
        try {
            bundle.save(out);
        } catch (IOException ex) {
            throw IoFailures.cannotWrite(out, ex);
        }
        o.printf(Locale.ROOT, "trained on %d clips (%d negatives), %d labels in %.2f s (accuracy on the training "
                + "clips %.2f %%)%n", clips.size(), self.negativesTested(), ds.labels().size(), trainSeconds,
                100 * self.meanAccuracy());
        o.println("wrote " + out);
        return 0;
    }
}
