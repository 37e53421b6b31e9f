package dev.hark.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hark.core.events.DetectionEvent;
import dev.hark.live.DetectionListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchFilterTest {
    static DetectionEvent ev(DetectionEvent.Type t, String label, double time) {
        return new DetectionEvent(t, label, 0.5, time, time - 1, time);
    }

    @Test
    void onlyWatchedOnsetsPassAndAnOffsetFollowsItsOnset() {
        List<String> got = new ArrayList<>();
        WatchFilter f = new WatchFilter(List.of("Dog")).feeding(DetectionListener.forEvents(e -> got.add(
                e.type().jsonName() + " " + e.label())));
        f.onEvent(ev(DetectionEvent.Type.ONSET, "Dog", 1));
        f.onEvent(ev(DetectionEvent.Type.ONSET, "Cat", 1));
        f.watch(List.of("Cat")); // Dog dropped mid-event: its offset still passes; Cat's began unwatched
        f.onEvent(ev(DetectionEvent.Type.OFFSET, "Dog", 2));
        f.onEvent(ev(DetectionEvent.Type.OFFSET, "Cat", 2));
        f.onEvent(ev(DetectionEvent.Type.ONSET, "Dog", 3));
        f.onEvent(ev(DetectionEvent.Type.ONSET, "Cat", 3));
        f.watch(List.of()); // empty: everything
        f.onEvent(ev(DetectionEvent.Type.ONSET, "Bird", 4));
        assertEquals(List.of("onset Dog", "offset Dog", "onset Cat", "onset Bird"), got);
    }
}
