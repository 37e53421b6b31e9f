package dev.hark.serve.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void backoffDoublesUpToItsMaximum() {
        Backoff b = new Backoff(100, 1000);
        List<Long> waits = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            waits.add(b.delayMillis(i));
        }
        assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L), waits);
        assertEquals(1000L, b.delayMillis(1_000_000));
    }
}
