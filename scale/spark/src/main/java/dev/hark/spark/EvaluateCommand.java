package dev.hark.spark;

import dev.hark.app.ClassifierOptions;
import dev.hark.models.head.Bundle;
import dev.hark.models.head.Pooling;
import dev.hark.models.head.TrainedHead;
import dev.hark.models.train.Evaluation;
import dev.hark.models.train.Evaluator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hark-spark evaluate}: {@code hark evaluate} on the embeddings of a Parquet table. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Cross-validate a classifier on the labelled embeddings of a table (its folds, else stratified "
                + "K folds), or score a trained .hark bundle on them (--classifier), as 'hark evaluate' does."})
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--embeddings", required = true, paramLabel = "TABLE.parquet",
            description = "An embeddings table with labels (hark-spark embed --dataset).")
    String embeddings;

    @Option(names = "--model", paramLabel = "NAME",
            description = "Use the table's rows of this model (needed when it holds several).")
    String model;

    @Option(names = "--classifier", paramLabel = "MODEL.hark",
            description = "Score this trained bundle instead of cross-validating.")
    Path bundle;

    @Option(names = "--folds", paramLabel = "official|K|FOLDS", defaultValue = "official",
            description = "Cross-validation: 'official' (the table's folds; stratified 5 if none) or K stratified "
                    + "seeded folds. With --classifier: the folds to score, e.g. 4 (default: all clips).")
    String folds;

    @Option(names = "--train-folds", paramLabel = "FOLDS",
            description = "One split instead of cross-validation: train on these folds (e.g. 1-3)...")
    String trainFolds;

    @Option(names = "--test-folds", paramLabel = "FOLDS", description = "... and test on these (e.g. 4).")
    String testFolds;

    @Mixin
    ClassifierOptions classifier;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        TableFeatures t;
        SparkSession spark = Sessions.open(master);
        try {
            t = TableFeatures.read(spark, embeddings, model);
        } finally {
            spark.stop();
        }
        o.println(t.describe());
        Evaluation ev;
        if (bundle != null) {
            Bundle b = Bundle.load(bundle);
            Evaluator.BundleTest test = Evaluator.bundleTest(b, bundle.toString(), t.dataset(),
                    testFolds != null ? testFolds : folds);
            t.trainingPooling(b.features().pooling());
            try (TrainedHead head = TrainedHead.load(bundle, t.settings().withPooling(b.features().pooling()))) {
                o.println("classifier: " + bundle + " (" + b.algorithm().cliName() + ", " + b.labels().size()
                        + " labels, features " + b.features().describe() + ")");
                ev = test.score(head.model(), t.of(test.clips()));
            }
        } else {
            Evaluator.Plan plan = Evaluator.plan(t.dataset(), folds, trainFolds, testFolds, classifier.seed);
            if (plan.note() != null) {
                o.println(plan.note());
            }
            Pooling pooling = t.trainingPooling(classifier.pooling(t.settings().isMfcc()));
            o.println("features: " + t.settings().withPooling(pooling).describe());
            o.println("classifier: " + classifier.describe());
            long t0 = System.nanoTime();
            ev = Evaluator.crossValidate(plan, t.of(plan.clips()), pooling, classifier.algorithm(), classifier.validatedOptions(), classifier.seed);
            o.printf(Locale.ROOT, "trained and tested %d fold(s) in %.1f s%n", ev.folds().size(),
                    (System.nanoTime() - t0) / 1e9);
        }
        dev.hark.app.EvaluationReport.print(ev, o);
        return 0;
    }
}
