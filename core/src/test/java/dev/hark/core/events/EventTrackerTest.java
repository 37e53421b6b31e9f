package dev.hark.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.config.OnsetRule;
import dev.hark.config.listen.EventSettings;
import dev.hark.core.events.DetectionEvent.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTrackerTest {
    private static final double HOP = 0.48;
    private static final double WIN = 0.96;

    private static EventSettings settings(int k, int n, double hangover, double minDuration, double cooldown) {
        return new EventSettings(0.5, Map.of(), List.of(), k, n, hangover, minDuration, cooldown);
    }

    /** Runs label "a" (column 0) over the given scores; windows i start at i*HOP. */
    private static List<DetectionEvent> run(EventSettings s, double... scores) {
        EventTracker t = EventTracker.forLabels(List.of("a", "b"), List.of("a"), s);
        List<DetectionEvent> out = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            double st = i * HOP;
            float[] row = scores[i] < 0 ? null : new float[] {(float) scores[i], 0.99f};
            out.addAll(t.update(st, st + WIN, row));
        }
        out.addAll(t.closeAll((scores.length - 1) * HOP + WIN));
        return out;
    }

    @Test
    void oneOfOneOnsetAndOffsetWithTimes() {
        List<DetectionEvent> ev = run(settings(1, 1, 0.5, 0, 0), 0.1, 0.7, 0.9, 0.2, 0.1, 0.1);
        assertEquals(2, ev.size(), ev.toString());
        DetectionEvent on = ev.get(0);
        assertEquals(Type.ONSET, on.type());
        assertEquals("a", on.label());
        assertEquals(0.48, on.startSeconds(), 1e-9);
        assertEquals(0.48 + WIN, on.timeSeconds(), 1e-9);
        assertEquals(0.7, on.score(), 1e-6);
        DetectionEvent off = ev.get(1);
        assertEquals(Type.OFFSET, off.type());
        assertEquals(0.48, off.startSeconds(), 1e-9);
        assertEquals(2 * HOP + WIN, off.endSeconds(), 1e-9);
        assertEquals(4 * HOP + WIN, off.timeSeconds(), 1e-9, "0.96 s below >= 0.5 s hangover");
        assertEquals(0.9, off.score(), 1e-6, "peak score");
    }

    @Test
    void eachLabelKeepsItsOwnOnsetRule() {
        // "a" needs 2 of 2 windows, "b" one; both see the same lone window above, then "a" a second one
        EventTracker t = new EventTracker(List.of("a", "b"), new int[] {0, 1}, new double[] {0.5, 0.5},
                new OnsetRule[] {new OnsetRule(2, 2), null}, settings(1, 1, 0.5, 0, 0));
        List<DetectionEvent> first = t.update(0, WIN, new float[] {0.9f, 0.9f});
        assertEquals(List.of("b"), first.stream().map(DetectionEvent::label).toList(), "b: the general 1 of 1");
        List<DetectionEvent> second = t.update(HOP, HOP + WIN, new float[] {0.8f, 0.1f});
        assertEquals(1, second.size(), second.toString());
        assertEquals("a", second.get(0).label());
        assertEquals(Type.ONSET, second.get(0).type());
        assertEquals(0.0, second.get(0).startSeconds(), 1e-9, "from the first of its two windows");
        assertEquals(0.9, second.get(0).score(), 1e-6);
        // a lone window above never makes an event of "a"
        EventTracker lone = new EventTracker(List.of("a"), new int[] {0}, new double[] {0.5},
                new OnsetRule[] {new OnsetRule(2, 2)}, settings(1, 1, 0.5, 0, 0));
        for (int i = 0; i < 6; i++) {
            assertTrue(lone.update(i * HOP, i * HOP + WIN, new float[] {i % 2 == 0 ? 0.9f : 0.1f}).isEmpty());
        }
    }

    @Test
    void kOfNNeedsEnoughWindows() {
        EventSettings s = settings(2, 3, 0.5, 0, 0);
        assertTrue(run(s, 0.9, 0.1, 0.1, 0.9, 0.1, 0.1).isEmpty(), "isolated windows never make an event");
        List<DetectionEvent> ev = run(s, 0.1, 0.9, 0.1, 0.8, 0.1, 0.1, 0.1);
        assertEquals(Type.ONSET, ev.get(0).type());
        assertEquals(1 * HOP, ev.get(0).startSeconds(), 1e-9, "starts at the first window above");
        assertEquals(3 * HOP + WIN, ev.get(0).timeSeconds(), 1e-9, "decided on the second");
        assertEquals(0.9, ev.get(0).score(), 1e-6);
    }

    @Test
    void hangoverBridgesShortDips() {
        // hangover 1.0 s: one or two below windows (0.48, 0.96 s) do not end the event, three do
        List<DetectionEvent> ev = run(settings(1, 1, 1.0, 0, 0), 0.9, 0.1, 0.1, 0.9, 0.1, 0.1, 0.1, 0.1);
        assertEquals(2, ev.size(), ev.toString());
        assertEquals(3 * HOP + WIN, ev.get(1).endSeconds(), 1e-9);
        assertEquals(6 * HOP + WIN, ev.get(1).timeSeconds(), 1e-9);
    }

    @Test
    void minimumDurationDelaysOnsetAndDropsShortEvents() {
        EventSettings s = settings(1, 1, 0.0, 1.4, 0);
        assertTrue(run(s, 0.1, 0.9, 0.1, 0.1).isEmpty(), "0.96 s event shorter than 1.4 s");
        List<DetectionEvent> ev = run(s, 0.1, 0.9, 0.9, 0.1);
        assertEquals(2, ev.size());
        assertEquals(HOP, ev.get(0).startSeconds(), 1e-9);
        assertEquals(2 * HOP + WIN, ev.get(0).timeSeconds(), 1e-9, "reported once 1.44 s long");
    }

    @Test
    void cooldownHoldsBackTheNextOnset() {
        EventSettings s = settings(1, 1, 0.0, 0, 1.0);
        // event, offset at window 1 (t=1.44), above again at window 2 (t=1.92 < 1.44+1.0), window 3 (2.40 < 2.44)
        // and window 4 (2.88 >= 2.44) -> second onset at window 4
        List<DetectionEvent> ev = run(s, 0.9, 0.1, 0.9, 0.9, 0.9, 0.1);
        List<Type> types = ev.stream().map(DetectionEvent::type).toList();
        assertEquals(List.of(Type.ONSET, Type.OFFSET, Type.ONSET, Type.OFFSET), types);
        assertEquals(4 * HOP + WIN, ev.get(2).timeSeconds(), 1e-9);
        assertEquals(2 * HOP, ev.get(2).startSeconds(), 1e-9, "the evidence held back still dates the start");
    }

    @Test
    void skippedWindowsCountAsBelowAndCloseAllEndsOpenEvents() {
        List<DetectionEvent> ev = run(settings(1, 1, 0.4, 0, 0), 0.9, -1, 0.9, 0.9);
        assertEquals(List.of(Type.ONSET, Type.OFFSET, Type.ONSET, Type.OFFSET),
                ev.stream().map(DetectionEvent::type).toList());
        assertEquals(3 * HOP + WIN, ev.get(3).timeSeconds(), 1e-9, "closed at stop");
        assertEquals(3 * HOP + WIN, ev.get(3).endSeconds(), 1e-9);
    }

    @Test
    void perLabelThresholdsAndKeptLabels() {
        EventSettings s = new EventSettings(0.5, Map.of("b", 0.995), List.of(), 1, 1, 0, 0, 0);
        EventTracker t = EventTracker.forLabels(List.of("a", "b"), List.of(), s);
        List<DetectionEvent> ev = t.update(0, WIN, new float[] {0.6f, 0.99f});
        assertEquals(1, ev.size());
        assertEquals("a", ev.get(0).label(), "b is below its own threshold 0.995");
        EventTracker onlyB = EventTracker.forLabels(List.of("a", "b"), List.of("b"), settings(1, 1, 0, 0, 0));
        assertEquals(List.of("b"), onlyB.labels());
        assertEquals("b", onlyB.update(0, WIN, new float[] {0.9f, 0.9f}).get(0).label());
    }
}
