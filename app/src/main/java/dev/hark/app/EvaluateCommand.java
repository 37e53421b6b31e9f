package dev.hark.app;

import dev.hark.config.Bounds;
import dev.hark.core.dataset.Dataset;
import dev.hark.errors.BadInputException;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.models.head.Bundle;
import dev.hark.models.head.FeatureSettings;
import dev.hark.models.head.Pooling;
import dev.hark.models.head.TrainedHead;
import dev.hark.models.train.ClipFeaturizer;
import dev.hark.models.train.Evaluation;
import dev.hark.models.train.Evaluator;
import dev.hark.models.train.FeatureExtractor;
import dev.hark.models.train.FewShot;
import dev.hark.models.train.Folds;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code hark evaluate}: cross-validation on a data set, or scoring a trained bundle on a data set. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Cross-validate features + classifier on a data set (its own folds, else stratified K folds) "
                + "and print mean accuracy +- std over folds and per-class accuracy; or, with --classifier, score a "
                + "trained .hark bundle on a data set. --report DIR writes the confusion matrix (CSV, PNG) and "
                + "per-fold results (JSON)."})
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "DIR",
            description = "Data set directory (ESC-50, UrbanSound8K or folder per class).")
    Path dataset;

    @Option(names = "--classifier", paramLabel = "MODEL.hark",
            description = "Score this trained bundle (hark train) instead of cross-validating; --model then defaults "
                    + "to the bundle's own.")
    Path bundle;

    @Option(names = "--folds", paramLabel = "official|K|FOLDS", defaultValue = "official",
            description = "Cross-validation: 'official' (the data set's own folds; stratified 5 if it has none) or "
                    + "K stratified seeded folds. With --classifier: the folds to score, e.g. 4 (default: all clips).")
    String folds;

    @Option(names = "--train-folds", paramLabel = "FOLDS",
            description = "One split instead of cross-validation: train on these folds (e.g. 1-3)...")
    String trainFolds;

    @Option(names = "--test-folds", paramLabel = "FOLDS", description = "... and test on these (e.g. 4).")
    String testFolds;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Write confusion.csv, confusion.png, folds.json and predictions.csv here.")
    Path report;

    @Option(names = "--shots", paramLabel = "N,N,...", split = ",",
            description = "The few-data curve instead: train on N clips per class drawn at random (seeded), test on "
                    + "the rest (or on --test-folds), for each N, e.g. 1,2,5,10,20; --model may name several feature "
                    + "sets (yamnet,mfcc); --report DIR writes shots.csv and shots.png.")
    List<Integer> shots;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "5",
            description = "With --shots: draws per N (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Mixin
    ClassifierOptions classifier;

    @Mixin
    OpenSetOptions openSet;

    @Mixin
    FeatureOptions featureOptions;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        if (shots != null) {
            return fewShot(o, e);
        }
        featureOptions.validate();
        if (report != null) {
            Outputs.directory(report, Reports.FILES.toArray(String[]::new));
        }
        Dataset ds = openSet.apply(Dataset.open(dataset));
        o.println(ds);
        Evaluation ev;
        String title;
        if (bundle != null) {
            ev = scoreBundle(ds, o, e);
            title = "Confusion: " + bundle.getFileName() + " on " + ds.root().getFileName();
        } else {
            ev = crossValidate(ds, o, e);
            title = "Confusion: " + featureOptions.model() + " + " + classifier.algorithm().cliName() + " on "
                    + ds.root().getFileName();
        }
        EvaluationReport.print(ev, o);
        if (report != null) {
            Reports.write(report, ev, title);
            o.println("report: " + report.resolve("confusion.csv") + ", confusion.png, folds.json, predictions.csv");
        }
        return ExitCodes.OK;
    }

    /** {@code --shots}: the few-data curve of each feature set named by {@code --model}. */
    private int fewShot(PrintWriter o, PrintWriter e) {
        for (int n : shots) {
            Bounds.check("--shots", n, 1, 100_000);
        }
        Bounds.check("--repeats", repeats, 1, 1000);
        if (bundle != null || trainFolds != null || !folds.strip().equalsIgnoreCase(Evaluator.OFFICIAL)) {
            throw new BadInputException("--shots draws its own training clips: it does not take --classifier, "
                    + "--folds or --train-folds (--test-folds fixes the clips tested)");
        }
        List<String> featureSets = ShotsReport.featureSets(featureOptions.model());
        if (featureSets.isEmpty()) {
            throw new BadInputException("--model: no feature set named");
        }
        featureOptions.validate();
        if (report != null) {
            Outputs.directory(report, ShotsReport.FILES.toArray(String[]::new));
        }
        Dataset ds = Dataset.open(dataset);
        o.println(ds);
        List<Integer> sortedShots = shots.stream().distinct().sorted().toList();
        FewShot.Plan plan = new FewShot.Plan(sortedShots, repeats,
                testFolds == null ? null : Folds.parseIn(ds, testFolds, "--test-folds"), classifier.seed);
        FewShot.check(plan, ds.clips(), ds.labels());
        o.printf(Locale.ROOT, "few-shot curve: %s clips per class drawn %d times (seed %d), tested on %s%n",
                sortedShots, repeats, classifier.seed, plan.testFolds() == null ? "the clips not drawn"
                        : "folds " + plan.testFolds() + " (drawn from the others)");
        o.println("classifier: " + classifier.describe());
        Map<String, FewShot.Curve> curves = new LinkedHashMap<>();
        for (String features : featureSets) {
            FeatureExtractor.Result r;
            Pooling pooling;
            try (ClipFeaturizer f = Extraction.open(features, featureOptions)) {
                pooling = classifier.pooling(f.settings().isMfcc());
                o.println("features: " + f.settings().withPooling(pooling).describe());
                r = Extraction.run(f, featureOptions, ds.clips(), "evaluate", o, e);
            }
            long t0 = System.nanoTime();
            FewShot.Curve curve = FewShot.run(plan, r.clips(), ds.labels().size(), pooling, classifier.algorithm(),
                    classifier.validatedOptions());
            o.printf(Locale.ROOT, "trained and tested %d times in %.1f s%n", curve.runs().size(),
                    (System.nanoTime() - t0) / 1e9);
            ShotsReport.print(o, features, plan, curve);
            curves.put(features, curve);
        }
        if (report != null) {
            ShotsReport.write(report, curves, plan, "Few-data curve: " + ds.root().getFileName() + ", "
                    + classifier.algorithm().cliName() + " classifier");
            o.println("report: " + report.resolve("shots.csv") + ", shots.png");
        }
        return ExitCodes.OK;
    }

    private Evaluation crossValidate(Dataset ds, PrintWriter o, PrintWriter e) {
        Evaluator.Plan plan = Evaluator.plan(ds, folds, trainFolds, testFolds, classifier.seed);
        if (plan.note() != null) {
            o.println(plan.note());
        }
        FeatureExtractor.Result r;
        Pooling pooling;
        try (ClipFeaturizer f = Extraction.open(featureOptions)) {
            pooling = classifier.pooling(f.settings().isMfcc());
            o.println("features: " + f.settings().withPooling(pooling).describe());
            r = Extraction.run(f, featureOptions, plan.clips(), "evaluate", o, e);
        }
        o.println("classifier: " + classifier.describe());
        long t0 = System.nanoTime();
        Evaluation ev = Evaluator.crossValidate(plan, r.clips(), pooling, classifier.algorithm(),
                classifier.validatedOptions(), classifier.seed);
        o.printf(Locale.ROOT, "trained and tested %d fold(s) in %.1f s%n", ev.folds().size(), (System.nanoTime() - t0) / 1e9);
        return ev;
    }

    private Evaluation scoreBundle(Dataset ds, PrintWriter o, PrintWriter e) {
        Bundle b = Bundle.load(bundle);
        FeatureSettings trained = b.features();
        Evaluator.BundleTest test = Evaluator.bundleTest(b, bundle.toString(), ds,
                testFolds != null ? testFolds : folds);
        // The features the bundle was trained on, unless --model / --hop say otherwise (then the bundle may refuse them).
        String spec = trained.isMfcc() ? FeatureSettings.MFCC : featureOptions.modelGiven() ? featureOptions.model()
                : trained.model();
        if (featureOptions.hopSeconds == null && !trained.isMfcc()) {
            featureOptions.hopSeconds = trained.hopFrames() * FrontEndParams.FRAME_HOP_SECONDS;
        }
        FeatureExtractor.Result r;
        try (ClipFeaturizer f = Extraction.open(spec, featureOptions);
                TrainedHead head = TrainedHead.load(bundle, f.settings().withPooling(trained.pooling()))) {
            o.println("classifier: " + bundle + " (" + b.algorithm().cliName() + ", " + b.labels().size()
                    + " labels, features " + trained.describe() + String.format(Locale.ROOT,
                    ", unknown below %.2f%s)", b.rejection().minProbability(),
                    b.rejection().background() ? " or when the background wins" : ""));
            r = Extraction.run(f, featureOptions, test.clips(), "evaluate", o, e);
            return test.score(head.model(), r.clips());
        }
    }
}
