package dev.hark.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OnsetLatenciesTest {
    private static final long S = 1_000_000_000L;

    @Test
    void eachSoundTakesTheFirstOnsetOfItsLabelInItsWindow() {
        List<OnsetLatencies.Played> played = List.of(
                new OnsetLatencies.Played("dog", "a", 10 * S, 1.0),
                new OnsetLatencies.Played("speech", "b", 20 * S, 2.0),
                new OnsetLatencies.Played("dog", "c", 30 * S, 0.5));
        List<OnsetLatencies.Onset> onsets = List.of(
                new OnsetLatencies.Onset("speech", 10 * S + S / 10), // the wrong label during the dog: other
                new OnsetLatencies.Onset("dog", 10 * S + S * 3 / 10),
                new OnsetLatencies.Onset("dog", 10 * S + S * 8 / 10), // a second line for the same dog: other
                new OnsetLatencies.Onset("speech", 20 * S + S / 2),
                new OnsetLatencies.Onset("dog", 30 * S + S * 21 / 10)); // 0.5 s + 1.5 s after its start: too late
        OnsetLatencies m = OnsetLatencies.match(played, onsets);
        assertEquals(0.3, m.answers().get(0).latencySeconds(), 1e-9);
        assertEquals(0.5, m.answers().get(1).latencySeconds(), 1e-9);
        assertFalse(m.answers().get(2).found());
        assertEquals(3, m.otherOnsets());
        assertEquals(List.of(0.3), m.latencies("dog"));
        assertEquals(List.of(0.3, 0.5), m.latencies(null));
        assertEquals(2, m.sounds("dog"));
        assertEquals(3, m.sounds(null));
    }

    @Test
    void aLineReadJustBeforeTheSoundStartedCountsOnlyWithinTheClockMargin() {
        List<OnsetLatencies.Played> played = List.of(new OnsetLatencies.Played("dog", "a", 10 * S, 1.0));
        assertTrue(OnsetLatencies.match(played, List.of(new OnsetLatencies.Onset("dog", 10 * S - S / 100)))
                .answers().get(0).found());
        assertFalse(OnsetLatencies.match(played, List.of(new OnsetLatencies.Onset("dog", 10 * S - S / 5)))
                .answers().get(0).found());
    }

    @Test
    void percentilesByNearestRank() {
        List<Double> v = List.of(0.5, 0.1, 0.4, 0.2, 0.3);
        assertEquals(0.3, OnsetLatencies.percentile(v, 50));
        assertEquals(0.5, OnsetLatencies.percentile(v, 95));
        assertEquals(0.1, OnsetLatencies.percentile(v, 1));
        assertEquals(0.5, OnsetLatencies.percentile(v, 100));
        List<Double> twenty = new java.util.ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            twenty.add(i / 10.0);
        }
        assertEquals(1.0, OnsetLatencies.percentile(twenty, 50), "the lower middle of an even count");
        assertEquals(1.9, OnsetLatencies.percentile(twenty, 95), "the 19th of 20");
        assertTrue(Double.isNaN(OnsetLatencies.percentile(List.of(), 50)));
    }
}
