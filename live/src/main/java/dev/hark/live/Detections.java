package dev.hark.live;

import dev.hark.core.events.DetectionEvent;
import java.util.List;

/**
 * What a piece of audio gave: the windows it completed (run by the models or skipped by the gate) and the events
 * they decided, each in stream order.
 */
public record Detections(List<WindowScores> windows, List<DetectionEvent> events) {
    public Detections {
        windows = List.copyOf(windows);
        events = List.copyOf(events);
    }
}
