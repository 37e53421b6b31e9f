package dev.hark.live;

import dev.hark.core.events.DetectionEvent;
import java.util.ArrayList;
import java.util.List;

/** Collects the windows and events of one {@link DetectionPipeline} call. */
final class DetectionsCollector implements DetectionListener {
    private final List<WindowScores> windows = new ArrayList<>();
    private final List<DetectionEvent> events = new ArrayList<>();

    @Override
    public void onWindow(WindowScores w) {
        windows.add(w);
    }

    @Override
    public void onEvent(DetectionEvent e) {
        events.add(e);
    }

    Detections detections() {
        return new Detections(windows, events);
    }
}
