package dev.hark.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.dataset.Clip;
import dev.hark.errors.BadInputException;
import dev.hark.models.head.Algorithm;
import dev.hark.models.head.Pooling;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The few-data curve on synthetic features: how many clips each run trains and tests on, and its repeatability. */
class FewShotTest {
    private static final List<String> LABELS = List.of("a", "b", "c");

    /** 3 labels x 12 clips (3 per fold 1-4) of 8-dimensional features: a label's centre plus much noise. */
    private static List<ClipFeatures> clips() {
        Random r = new Random(5);
        List<ClipFeatures> out = new ArrayList<>();
        for (int label = 0; label < 3; label++) {
            for (int i = 0; i < 12; i++) {
                float[] x = new float[8];
                for (int j = 0; j < 8; j++) {
                    x[j] = (float) ((j == label ? 1.0 : 0.0) + 0.9 * r.nextGaussian());
                }
                Clip c = new Clip(Path.of("clip-" + label + "-" + i + ".wav"), LABELS.get(label), label, i % 4 + 1);
                out.add(new ClipFeatures(c, new float[][] {x}, new double[] {0}));
            }
        }
        return out;
    }

    private static FewShot.Curve curve(FewShot.Plan plan, List<ClipFeatures> clips) {
        Algorithm knn = Algorithm.parse("knn");
        return FewShot.run(plan, clips, 3, Pooling.MEAN, knn, knn.options(List.of("distance=euclidean")));
    }

    @Test
    void eachRunTrainsOnNPerLabelAndTestsOnTheRest() {
        FewShot.Curve c = curve(new FewShot.Plan(List.of(1, 5, 10), 3, null, 7), clips());
        assertEquals(9, c.runs().size());
        for (FewShot.Run r : c.runs()) {
            assertEquals(3 * r.shots(), r.trainClips());
            assertEquals(36 - 3 * r.shots(), r.testClips());
        }
        assertEquals(3, c.accuracies(5).length);
        // more examples help on average on these noisy features
        assertTrue(c.mean(10) > c.mean(1), c.mean(1) + " -> " + c.mean(10));
    }

    @Test
    void fixedTestFoldsAreNeverDrawnAndAlwaysTested() {
        FewShot.Curve c = curve(new FewShot.Plan(List.of(2, 9), 2, List.of(4), 7), clips());
        for (FewShot.Run r : c.runs()) {
            assertEquals(9, r.testClips(), "fold 4: 3 clips per label");
            assertEquals(3 * r.shots(), r.trainClips());
        }
        // 9 per label is the whole of folds 1-3: every draw is the same, so the spread is 0
        assertEquals(0.0, c.std(9), 1e-12);
    }

    @Test
    void theSameSeedGivesTheSameRunsAndDrawsDependOnTheSeed() {
        FewShot.Plan p = new FewShot.Plan(List.of(1, 2, 4), 4, null, 11);
        List<ClipFeatures> reversed = new ArrayList<>(clips());
        java.util.Collections.reverse(reversed);
        assertEquals(curve(p, clips()).runs(), curve(p, reversed).runs(), "the order of the clips does not matter");
        List<Double> all = new ArrayList<>();
        for (long seed = 1; seed <= 6; seed++) {
            all.add(curve(new FewShot.Plan(List.of(1), 1, null, seed), clips()).mean(1));
        }
        assertTrue(all.stream().distinct().count() > 1, "different seeds draw different clips: " + all);
    }

    @Test
    void aTestClipIsJudgedOnItsPatchesWithSoundNotOnItsSilence() {
        Algorithm knn = Algorithm.parse("knn");
        FewShot.Curve c = FewShot.run(new FewShot.Plan(List.of(2), 2, null, 7), SilentPatches.clips(LABELS), 3,
                Pooling.MEAN, knn, knn.options(List.of("distance=euclidean", "k=1")));
        assertEquals(1.0, c.mean(2), 1e-12, "every clip of the 12 tested per draw right");
    }

    @Test
    void aLabelWithTooFewClipsIsRefusedNamingIt() {
        List<Clip> plain = clips().stream().map(ClipFeatures::clip).toList();
        BadInputException e = assertThrows(BadInputException.class,
                () -> FewShot.check(new FewShot.Plan(List.of(1, 12), 1, null, 1), plain, LABELS));
        assertEquals("--shots 12: label 'a' has only 12 clips to draw from (it needs 13: 12 to train on, one left to "
                + "test)", e.getMessage());
        FewShot.check(new FewShot.Plan(List.of(11), 1, null, 1), plain, LABELS);
        FewShot.check(new FewShot.Plan(List.of(9), 1, List.of(4), 1), plain, LABELS);
        assertThrows(BadInputException.class,
                () -> FewShot.check(new FewShot.Plan(List.of(10), 1, List.of(4), 1), plain, LABELS));
    }
}
