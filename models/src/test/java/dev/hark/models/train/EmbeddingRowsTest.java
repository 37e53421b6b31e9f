package dev.hark.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.models.head.Pooling;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingRowsTest {
    @Test
    void onePatchARowOrOnePooledRowAClip() {
        List<ClipFeatures> clips = TrainingTest.clips(5);
        List<EmbeddingRows.Row> patches = EmbeddingRows.of(clips, Pooling.NONE);
        assertEquals(72 * 5, patches.size());
        EmbeddingRows.Row r = patches.get(7);
        assertSame(clips.get(1), r.clip());
        assertEquals(2, r.patch());
        assertEquals(0.96, r.startSeconds());
        assertSame(clips.get(1).patches()[2], r.values(), "patch rows are the embeddings themselves");

        List<EmbeddingRows.Row> means = EmbeddingRows.of(clips, Pooling.MEAN);
        assertEquals(72, means.size());
        assertTrue(means.get(3).pooled());
        double sum = 0;
        for (float[] p : clips.get(3).patches()) {
            sum += p[4];
        }
        assertEquals((float) (sum / 5), means.get(3).values()[4], 1e-6f);
        assertEquals(2 * TrainingTest.D, EmbeddingRows.of(clips, Pooling.MEAN_STD).get(0).values().length);
    }
}
