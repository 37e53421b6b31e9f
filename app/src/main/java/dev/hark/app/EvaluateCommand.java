package dev.hark.app;

import dev.hark.core.dataset.Clip;
import dev.hark.core.dataset.Dataset;
import dev.hark.errors.BadInputException;
import dev.hark.models.head.Bundle;
import dev.hark.models.head.FeatureSettings;
import dev.hark.models.head.Pooling;
import dev.hark.models.head.TrainedHead;
import dev.hark.models.train.ClipFeaturizer;
import dev.hark.models.train.CrossValidation;
import dev.hark.models.train.Evaluation;
import dev.hark.models.train.FeatureExtractor;
import dev.hark.models.train.FoldResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code hark evaluate}: cross-validation on a data set, or scoring a trained bundle on a data set. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Cross-validate features + classifier on a data set (its own folds, else stratified K folds) "
                + "and print mean accuracy +- std over folds and per-class accuracy; or, with --model, score a "
                + "trained .hark bundle on a data set. --report DIR writes the confusion matrix (CSV, PNG) and "
                + "per-fold results (JSON)."})
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "DIR",
            description = "Data set directory (ESC-50, UrbanSound8K or folder per class).")
    Path dataset;

    @Option(names = "--model", paramLabel = "MODEL.hark",
            description = "Score this trained bundle instead of cross-validating.")
    Path model;

    @Option(names = "--folds", paramLabel = "official|K|FOLDS", defaultValue = "official",
            description = "Cross-validation: 'official' (the data set's own folds; stratified 5 if it has none) or "
                    + "K stratified seeded folds. With --model: the folds to score, e.g. 4 (default: all clips).")
    String folds;

    @Option(names = "--train-folds", paramLabel = "FOLDS",
            description = "One split instead of cross-validation: train on these folds (e.g. 1-3)...")
    String trainFolds;

    @Option(names = "--test-folds", paramLabel = "FOLDS", description = "... and test on these (e.g. 4).")
    String testFolds;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Write confusion.csv, confusion.png, folds.json and predictions.csv here.")
    Path report;

    @Mixin
    ClassifierOptions classifier;

    @Mixin
    FeatureOptions featureOptions;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        Dataset ds = Dataset.open(dataset);
        o.println(ds);
        Evaluation ev;
        String title;
        if (model != null) {
            ev = scoreBundle(ds, o, e);
            title = "Confusion: " + model.getFileName() + " on " + ds.root().getFileName();
        } else {
            ev = crossValidate(ds, o, e);
            title = "Confusion: " + classifier.features + " + " + classifier.algorithm().cliName() + " on "
                    + ds.root().getFileName();
        }
        print(ev, o);
        if (report != null) {
            Reports.write(report, ev, title);
            o.println("report: " + report.resolve("confusion.csv") + ", confusion.png, folds.json, predictions.csv");
        }
        return ExitCodes.OK;
    }

    private Evaluation crossValidate(Dataset ds0, PrintWriter o, PrintWriter e) {
        Dataset ds = ds0;
        List<Integer> trainList = null;
        List<Integer> testList = null;
        if (trainFolds != null || testFolds != null) {
            if (trainFolds == null || testFolds == null) {
                throw new BadInputException("--train-folds and --test-folds go together");
            }
            if (!ds.hasFolds()) {
                throw new BadInputException("--train-folds/--test-folds: " + dataset + " has no folds of its own; use "
                        + "--folds K");
            }
            trainList = checkFolds(ds, Extraction.folds(trainFolds, "--train-folds"), "--train-folds");
            testList = checkFolds(ds, Extraction.folds(testFolds, "--test-folds"), "--test-folds");
            for (int t : testList) {
                if (trainList.contains(t)) {
                    throw new BadInputException("fold " + t + " is in both --train-folds and --test-folds");
                }
            }
        } else if (folds.equalsIgnoreCase("official")) {
            if (!ds.hasFolds()) {
                ds = ds.withStratifiedFolds(5, classifier.seed);
                o.println("no official folds: 5 stratified folds, seed " + classifier.seed);
            }
        } else {
            int k;
            try {
                k = Integer.parseInt(folds.strip());
            } catch (NumberFormatException ex) {
                throw new BadInputException("--folds " + folds + ": expected 'official' or a number of folds");
            }
            ds = ds.withStratifiedFolds(k, classifier.seed);
            o.println(k + " stratified folds, seed " + classifier.seed);
        }
        List<Clip> clips = ds.clips();
        if (trainList != null) {
            List<Integer> both = new java.util.ArrayList<>(trainList);
            both.addAll(testList);
            clips = ds.clipsInFolds(both);
        }
        FeatureExtractor.Result r;
        Pooling pooling;
        try (ClipFeaturizer f = Extraction.open(classifier.features, featureOptions)) {
            pooling = classifier.pooling(f.settings().isMfcc());
            o.println("features: " + f.settings().withPooling(pooling).describe());
            r = Extraction.run(f, featureOptions, clips, "evaluate", o, e);
        }
        o.println("classifier: " + classifier.describe());
        long t0 = System.nanoTime();
        Evaluation ev = trainList != null
                ? CrossValidation.split(r.clips(), ds.labels(), trainList, testList, pooling, classifier.algorithm(),
                        classifier.validatedOptions(), classifier.seed)
                : CrossValidation.run(r.clips(), ds.labels(), ds.folds(), pooling, classifier.algorithm(),
                        classifier.validatedOptions(), classifier.seed);
        o.printf(Locale.ROOT, "trained and tested %d fold(s) in %.1f s%n", ev.folds().size(), (System.nanoTime() - t0) / 1e9);
        return ev;
    }

    private Evaluation scoreBundle(Dataset ds, PrintWriter o, PrintWriter e) {
        Bundle b = Bundle.load(model);
        FeatureSettings trained = b.features();
        List<Clip> clips = ds.clips();
        String chosen = testFolds != null ? testFolds : folds.equalsIgnoreCase("official") ? null : folds;
        int foldNumber = 0;
        if (chosen != null) {
            if (!ds.hasFolds()) {
                throw new BadInputException("--folds " + chosen + ": " + dataset + " has no folds of its own");
            }
            List<Integer> f = checkFolds(ds, Extraction.folds(chosen, "--folds"), "--folds");
            clips = ds.clipsInFolds(f);
            foldNumber = f.get(0);
        }
        // The bundle's labels must be the data set's (same names); the order may differ.
        int[] toBundle = new int[ds.labels().size()];
        for (int i = 0; i < toBundle.length; i++) {
            toBundle[i] = b.labels().indexOf(ds.labels().get(i));
            if (toBundle[i] < 0) {
                throw new BadInputException("data set label '" + ds.labels().get(i) + "' is not among the "
                        + b.labels().size() + " labels of " + model);
            }
        }
        String spec0 = trained.isMfcc() ? "mfcc" : classifier.features.equals(ClassifierOptions.DEFAULT_FEATURES)
                ? trained.model() : classifier.features;
        FeatureExtractor.Result r;
        TrainedHead head;
        try (ClipFeaturizer f = Extraction.open(spec0, withHop(trained))) {
            head = TrainedHead.load(model, f.settings().withPooling(trained.pooling()));
            o.println("classifier: " + model + " (" + b.model().classifier().algorithm().cliName() + ", "
                    + b.labels().size() + " labels, features " + trained.describe() + ")");
            r = Extraction.run(f, featureOptions, clips, "evaluate", o, e);
        }
        // Re-index clips onto the bundle's label order for scoring, then report in the data set's order.
        List<dev.hark.models.train.ClipFeatures> mapped = r.clips().stream().map(c -> new dev.hark.models.train.ClipFeatures(
                new Clip(c.clip().path(), c.clip().label(), toBundle[c.clip().labelIndex()], c.clip().fold()),
                c.patches(), c.patchStartSeconds())).toList();
        return CrossValidation.test(head.bundle().model(), mapped, b.labels(), foldNumber, 0);
    }

    private FeatureOptions withHop(FeatureSettings trained) {
        if (featureOptions.hopFrames == 0 && !trained.isMfcc()) {
            featureOptions.hopFrames = trained.hopFrames();
        }
        return featureOptions;
    }

    private List<Integer> checkFolds(Dataset ds, List<Integer> f, String option) {
        for (int x : f) {
            if (!ds.folds().contains(x)) {
                throw new BadInputException(option + ": fold " + x + " is not in the data set (folds " + ds.folds() + ")");
            }
        }
        return f;
    }

    static void print(Evaluation ev, PrintWriter o) {
        for (FoldResult f : ev.folds()) {
            o.printf(Locale.ROOT, "fold %s: %.2f %% (%d/%d%s)%n",
                    f.fold() == 0 ? "-" : Integer.toString(f.fold()), 100 * f.accuracy(), f.correct(), f.testClips(),
                    f.trainClips() > 0 ? "; trained on " + f.trainClips() + " clips" : "");
        }
        if (ev.folds().size() > 1) {
            o.printf(Locale.ROOT, "mean accuracy %.2f %% +- %.2f %% (std over %d folds)%n", 100 * ev.meanAccuracy(),
                    100 * ev.stdAccuracy(), ev.folds().size());
        } else {
            o.printf(Locale.ROOT, "accuracy %.2f %%%n", 100 * ev.meanAccuracy());
        }
        o.println("per-class accuracy:");
        double[] pc = ev.perClassAccuracy();
        int[][] c = ev.confusion();
        int width = ev.labels().stream().mapToInt(String::length).max().orElse(5);
        for (int i = 0; i < pc.length; i++) {
            int n = java.util.Arrays.stream(c[i]).sum();
            if (n == 0) {
                continue;
            }
            o.printf(Locale.ROOT, "  %-" + width + "s %6.1f %% (%d/%d)%n", ev.labels().get(i), 100 * pc[i], c[i][i], n);
        }
        o.flush();
    }
}
