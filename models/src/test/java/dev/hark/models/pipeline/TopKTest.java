package dev.hark.models.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKTest {
    @Test
    void highestFirstTiesInLabelOrder() {
        float[] s = {0.1f, 0.9f, 0.5f, 0.9f, 0.0f};
        assertArrayEquals(new int[] {1, 3, 2}, TopK.indices(s, 3));
        assertArrayEquals(new int[] {1, 3, 2, 0, 4}, TopK.indices(s, 10));
        assertArrayEquals(new int[0], TopK.indices(s, 0));
        assertEquals(List.of(new LabelScore("b", 0.9f), new LabelScore("d", 0.9f)),
                TopK.of(s, List.of("a", "b", "c", "d", "e"), 2));
        assertThrows(IllegalArgumentException.class, () -> TopK.of(s, List.of("a"), 1));
    }

    @Test
    void agreesWithAFullSortForRandomScores() {
        Random r = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            float[] s = new float[1 + r.nextInt(600)];
            for (int i = 0; i < s.length; i++) {
                s[i] = r.nextInt(4) == 0 ? 0.5f : r.nextFloat();
            }
            int k = r.nextInt(s.length + 2);
            int[] top = TopK.indices(s, k);
            assertEquals(Math.min(k, s.length), top.length);
            float[] sorted = s.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < top.length; i++) {
                assertEquals(sorted[sorted.length - 1 - i], s[top[i]]);
                if (i > 0 && s[top[i]] == s[top[i - 1]]) {
                    assertEquals(true, top[i] > top[i - 1], "ties in index order");
                }
            }
        }
    }
}
