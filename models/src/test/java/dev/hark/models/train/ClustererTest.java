package dev.hark.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClustererTest {
    @Test
    void separableClipsFallIntoTheirLabelsClustersAndRepeatExactly() {
        List<ClipFeatures> clips = TrainingTest.clips(3);
        Clusterer.Clustering a = Clusterer.kMeans(clips, 3, 42);
        Clusterer.Clustering b = Clusterer.kMeans(clips, 3, 42);
        assertArrayEquals(a.assignment(), b.assignment(), "same seed, same clusters");
        int[] truth = clips.stream().mapToInt(c -> c.clip().labelIndex()).toArray();
        assertEquals(1.0, a.adjustedRandIndex(truth), 1e-9);
        assertEquals(72, a.members(0).size() + a.members(1).size() + a.members(2).size());
        for (double[] p : a.points()) {
            double n = 0;
            for (double v : p) {
                n += v * v;
            }
            assertEquals(1.0, n, 1e-9, "points are unit length");
        }
        for (Clusterer.MapKind kind : Clusterer.MapKind.values()) {
            double[][] xy = Clusterer.map(a.points(), kind, 42);
            assertEquals(72, xy.length);
            assertEquals(2, xy[0].length);
            assertArrayEquals(xy[5], Clusterer.map(a.points(), kind, 42)[5], 0.0, kind + " repeats");
        }
        assertEquals("--k 80: only 72 readable clips",
                assertThrows(BadInputException.class, () -> Clusterer.kMeans(clips, 80, 42)).getMessage());
    }

    @Test
    void perplexityTopLabelsAndMapNames() {
        assertEquals(30, Clusterer.perplexity(1600));
        assertEquals(30, Clusterer.perplexity(91));
        assertEquals(10, Clusterer.perplexity(31));
        assertEquals(2, Clusterer.perplexity(5));
        assertEquals(List.of(new Clusterer.LabelCount("dog", 3), new Clusterer.LabelCount("cat", 2),
                new Clusterer.LabelCount("bird", 1)), Clusterer.topLabels(List.of("dog", "cat", "eel", "dog", "bird",
                "cat", "dog", "fox"), 3), "most frequent first, ties by name");
        assertEquals(5, Clusterer.distinct(List.of("dog", "cat", "eel", "dog", "bird", "fox")));
        assertEquals(Clusterer.MapKind.TSNE, Clusterer.MapKind.parse("TSNE"));
        assertEquals("--map umap: expected pca or tsne",
                assertThrows(BadInputException.class, () -> Clusterer.MapKind.parse("umap")).getMessage());
    }
}
