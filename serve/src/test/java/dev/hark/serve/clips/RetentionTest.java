package dev.hark.serve.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hark.serve.config.ClipSettings;
import dev.hark.serve.store.EventStore.ClipRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {
    static final long DAY = 86_400_000L;
    static final long MB = 1024 * 1024;

    static ClipSettings policy(double maxAgeDays, double maxTotalMb, int keep) {
        return new ClipSettings(true, Path.of("/clips"), 1, maxAgeDays, maxTotalMb, keep, false, 0.3);
    }

    /** Clips newest first: one a day for {@code days} days, of the given concept, {@code mb} each. */
    static List<ClipRow> daily(String concept, int days, long now, long mb, long idBase) {
        List<ClipRow> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            out.add(new ClipRow(idBase + d, concept, now - d * DAY - 1, "/clips/" + concept + d, mb * MB));
        }
        return out;
    }

    static List<Long> ids(List<ClipRow> rows) {
        return rows.stream().map(ClipRow::id).toList();
    }

    @Test
    void clipsOlderThanTheMaximumAgeGoButTheNewestOfEachConceptStay() {
        long now = 100 * DAY;
        List<ClipRow> rows = new ArrayList<>(daily("Dog", 10, now, 1, 0));
        rows.addAll(daily("Cat", 2, now - 20 * DAY, 1, 100)); // both older than the limit
        rows.sort((a, b) -> Long.compare(b.wallTimeMillis(), a.wallTimeMillis()));
        List<ClipRow> gone = new Retention(policy(5, 0, 1)).toDelete(rows, now);
        assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 101L), ids(gone), "Dog days 5..9 and the older Cat go");
    }

    @Test
    void theTotalSizeIsKeptBelowTheLimitOldestFirst() {
        long now = 100 * DAY;
        List<ClipRow> rows = daily("Dog", 10, now, 3, 0);
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L, 9L), ids(new Retention(policy(0, 10, 0)).toDelete(rows, now)));
        assertEquals(List.of(5L, 6L, 7L, 8L, 9L), ids(new Retention(policy(0, 10, 5)).toDelete(rows, now)),
                "5 kept per concept even above the size limit");
        assertEquals(List.of(), ids(new Retention(policy(0, 0, 0)).toDelete(rows, now)), "no limits: all stay");
    }
}
