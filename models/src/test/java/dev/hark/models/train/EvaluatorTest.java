package dev.hark.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.dataset.Clip;
import dev.hark.core.dataset.Dataset;
import dev.hark.core.dataset.DatasetLayout;
import dev.hark.errors.BadInputException;
import dev.hark.models.head.Algorithm;
import dev.hark.models.head.Bundle;
import dev.hark.models.head.ClipModel;
import dev.hark.models.head.FeatureSettings;
import dev.hark.models.head.Pooling;
import dev.hark.models.head.Rejection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    /** The synthetic clips of {@link TrainingTest} as a data set with folds 1-4. */
    static Dataset dataset(List<ClipFeatures> features, boolean folds) {
        List<Clip> clips = new ArrayList<>();
        for (ClipFeatures f : features) {
            Clip c = f.clip();
            clips.add(folds ? c : new Clip(c.path(), c.label(), c.labelIndex(), 0));
        }
        return Dataset.of(Path.of("synthetic"), DatasetLayout.FOLDER_PER_CLASS, TrainingTest.LABELS, clips);
    }

    static String error(Runnable r) {
        return assertThrows(BadInputException.class, r::run).getMessage();
    }

    @Test
    void plansUseOwnFoldsStratifiedFoldsOrOneSplit() {
        List<ClipFeatures> f = TrainingTest.clips(7);
        Dataset own = dataset(f, true);
        Evaluator.Plan p = Evaluator.plan(own, "official", null, null, 42);
        assertFalse(p.isSplit());
        assertNull(p.note());
        assertEquals(List.of(1, 2, 3, 4), p.dataset().folds());
        assertEquals(72, p.clips().size());

        Evaluator.Plan none = Evaluator.plan(dataset(f, false), "OFFICIAL", null, null, 42);
        assertEquals("no official folds: 5 stratified folds, seed 42", none.note());
        assertEquals(List.of(1, 2, 3, 4, 5), none.dataset().folds());
        Evaluator.Plan three = Evaluator.plan(own, "3", null, null, 9);
        assertEquals("3 stratified folds, seed 9", three.note());
        assertEquals(List.of(1, 2, 3), three.dataset().folds());

        Evaluator.Plan split = Evaluator.plan(own, "official", "1-2", "4", 42);
        assertTrue(split.isSplit());
        assertEquals(List.of(1, 2), split.trainFolds());
        assertEquals(List.of(4), split.testFolds());
        assertEquals(54, split.clips().size(), "folds 1, 2 and 4 of 18 clips each");
        Evaluation e = Evaluator.crossValidate(split, f.stream().filter(c -> c.clip().fold() != 3).toList(),
                Pooling.MEAN, Algorithm.KNN, Algorithm.KNN.options(List.of()), 42);
        assertEquals(1, e.folds().size());
        assertEquals(4, e.folds().get(0).fold());
        assertEquals(36, e.folds().get(0).trainClips());
    }

    @Test
    void badFoldChoicesAreRefusedBeforeAnyWork() {
        Dataset own = dataset(TrainingTest.clips(7), true);
        assertEquals("--train-folds and --test-folds go together", error(() -> Evaluator.plan(own, "official", "1", null, 1)));
        assertEquals("fold 3 is in both --train-folds and --test-folds",
                error(() -> Evaluator.plan(own, "official", "1-3", "3", 1)));
        assertEquals("--test-folds: fold 7 is not in the data set (folds [1, 2, 3, 4])",
                error(() -> Evaluator.plan(own, "official", "1-3", "7", 1)));
        assertEquals("--folds many: expected 'official' or a number of folds", error(() -> Evaluator.plan(own, "many", null, null, 1)));
        assertTrue(error(() -> Evaluator.plan(dataset(TrainingTest.clips(7), false), "official", "1", "2", 1))
                .endsWith("has no folds of its own; use --folds K"));
        assertEquals("--train-folds 2-x: expected fold numbers like 1,2,3 or 1-3", error(() -> Folds.parse("2-x", "--train-folds")));
        assertEquals(List.of(1, 2, 3, 5), Folds.parse("1-3, 5", "--folds"));
    }

    @Test
    void aBundleWithLabelsInAnotherOrderScoresAsTheModelItHolds() {
        List<ClipFeatures> f = TrainingTest.clips(7);
        Dataset ds = dataset(f, true);
        // a model trained with the labels reversed: c, b, a
        List<String> reversed = List.of("c", "b", "a");
        List<ClipFeatures> relabelled = f.stream().map(c -> new ClipFeatures(new Clip(c.clip().path(), c.clip().label(),
                2 - c.clip().labelIndex(), c.clip().fold()), c.patches(), c.patchStartSeconds())).toList();
        List<ClipFeatures> train = relabelled.stream().filter(c -> c.clip().fold() != 4).toList();
        ClipModel model = Trainer.trainClipModel(train, Pooling.MEAN, Algorithm.KNN, Algorithm.KNN.options(List.of()), 3, 42);
        Bundle b = Bundle.of(reversed, new FeatureSettings("synthetic", "", "yamnet", 48, Pooling.MEAN, TrainingTest.D),
                model, new Rejection(false, 0.5), Map.of());

        Evaluator.BundleTest t = Evaluator.bundleTest(b, "r.hark", ds, "4");
        assertEquals(4, t.fold());
        assertEquals(18, t.clips().size());
        assertArrayEquals(new int[] {2, 1, 0}, t.toBundleLabel());
        Evaluation got = t.score(model, f.stream().filter(c -> c.clip().fold() == 4).toList());
        Evaluation want = CrossValidation.testHead(model, b.rejection(),
                relabelled.stream().filter(c -> c.clip().fold() == 4).toList(), reversed, 4, 0);
        assertEquals(want.predictions(), got.predictions());
        assertEquals(List.of("c", "b", "a", "unknown"), got.labels());
        assertTrue(got.meanAccuracy() > 0.85, "" + got.meanAccuracy());

        assertEquals(72, Evaluator.bundleTest(b, "r.hark", ds, null).clips().size());
        assertEquals(0, Evaluator.bundleTest(b, "r.hark", ds, "official").fold());
        Bundle other = Bundle.of(List.of("a", "b", "x"), b.features(), model, b.rejection(), Map.of());
        assertEquals("data set label 'c' is not among the 3 labels of o.hark",
                error(() -> Evaluator.bundleTest(other, "o.hark", ds, null)));
    }
}
