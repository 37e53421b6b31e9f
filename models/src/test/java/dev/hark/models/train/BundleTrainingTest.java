package dev.hark.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.dataset.DatasetFolder;
import dev.hark.errors.BadInputException;
import dev.hark.models.head.Bundle;
import dev.hark.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A teaching folder to a bundle and its held-out estimate, as hark teach --train and the dashboard run it. */
class BundleTrainingTest {
    @TempDir
    Path dir;

    private void put(String label, String... esc50) throws Exception {
        Path d = dir.resolve(label);
        Files.createDirectories(d);
        for (String f : esc50) {
            Files.copy(TestData.shared("datasets/esc50-dev/audio/" + f), d.resolve(f));
        }
    }

    @Test
    void tooLittleDataIsSaidBeforeAnyModelIsOpened() throws Exception {
        DatasetFolder folder = new DatasetFolder(dir);
        assertEquals(BundleTraining.Shortfall.NO_SOUND, BundleTraining.shortfall(folder));
        put(DatasetFolder.NEGATIVES, "1-26806-A-1.ogg");
        assertEquals(BundleTraining.Shortfall.NO_SOUND, BundleTraining.shortfall(folder), "background only");
        Files.delete(dir.resolve(DatasetFolder.NEGATIVES).resolve("1-26806-A-1.ogg"));
        put("dog", "1-100032-A-0.ogg");
        assertEquals(BundleTraining.Shortfall.ONE_SOUND_NO_BACKGROUND, BundleTraining.shortfall(folder));
        BadInputException e = assertThrows(BadInputException.class, () -> BundleTraining.teachingFolder(dir, null,
                null, 1, HeadRecipe.defaults(), dir.resolve("x.hark"), "test", l -> { }, (d, t) -> { }));
        assertTrue(e.getMessage().startsWith("too little data to train: one sound and no background"),
                e.getMessage());
        put(DatasetFolder.NEGATIVES, "1-26806-A-1.ogg");
        assertNull(BundleTraining.shortfall(folder));
    }

    @Test
    void aTeachingFolderBecomesABundleWithALeaveOneOutEstimate() throws Exception {
        put("dog", "1-100032-A-0.ogg", "1-110389-A-0.ogg", "1-30226-A-0.ogg");
        put(DatasetFolder.NEGATIVES, "1-26806-A-1.ogg", "1-27724-A-1.ogg", "1-34119-A-1.ogg");
        Path out = dir.resolve("taught.hark");
        List<String> lines = new ArrayList<>();
        List<int[]> progress = new ArrayList<>();
        BundleTraining.Taught t;
        try (ClipFeaturizer f = Featurizers.open("yamnet", 0, 1)) {
            t = BundleTraining.teachingFolder(dir, f, null, 1, HeadRecipe.defaults(), out, "test", lines::add,
                    (d, n) -> progress.add(new int[] {d, n}));
        }
        assertEquals(List.of("dog"), t.trained().classes());
        assertEquals(6, t.trained().features().clips().size());
        assertEquals(6, progress.get(progress.size() - 1)[0], "every clip featurized");
        Bundle b = Bundle.load(out);
        assertEquals(List.of("dog"), b.labels());
        assertEquals("test", b.summary().get("hark"));
        assertTrue(lines.get(1).startsWith("features: yamnet"), lines.toString());
        assertEquals("classifier: logistic {lambda=2.0, iterations=100, pca=48, tolerance=1.0E-5}, seed 42",
                lines.get(2));
        assertTrue(lines.contains("wrote " + out), lines.toString());
        HoldOutEstimate e = t.estimate();
        assertTrue(e.leaveOneOut());
        assertEquals(6, e.evaluation().predictions().size(), "one head per clip held out");
        assertTrue(e.lines().get(0).startsWith("estimate (leave-one-out: 6 heads, each trained without one clip"),
                e.lines().toString());
        assertTrue(e.accuracy() >= 0.5, "dogs against roosters: " + e.lines());
        assertEquals(lines.subList(lines.size() - e.lines().size(), lines.size()), e.lines(), "printed last");
    }

    @Test
    void anEstimateNeedsTwoOfEverySound() throws Exception {
        put("dog", "1-100032-A-0.ogg");
        put("rooster", "1-26806-A-1.ogg", "1-27724-A-1.ogg");
        try (ClipFeaturizer f = Featurizers.open("yamnet", 0, 1)) {
            BundleTraining.Taught t = BundleTraining.teachingFolder(dir, f, null, 1, HeadRecipe.defaults(),
                    dir.resolve("two.hark"), "test", l -> { }, (d, n) -> { });
            assertNull(t.estimate().evaluation());
            assertEquals(List.of("estimate: none: 'dog' has 1 example; holding one out needs at least 2 of every "
                    + "sound"), t.estimate().lines());
            assertTrue(Double.isNaN(t.estimate().accuracy()));
        }
    }
}
