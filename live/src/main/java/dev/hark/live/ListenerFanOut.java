package dev.hark.live;

import dev.hark.core.events.DetectionEvent;
import java.util.List;

/** Hands everything to each listener in turn, in registration order (the detector's listeners, a service's outputs). */
public final class ListenerFanOut implements DetectionListener {
    private final List<DetectionListener> listeners;
    private final boolean takesFrames;

    public ListenerFanOut(List<DetectionListener> listeners) {
        this.listeners = List.copyOf(listeners);
        this.takesFrames = this.listeners.stream().anyMatch(DetectionListener::takesFrames);
    }

    /** Whether any of the listeners takes frames. */
    @Override
    public boolean takesFrames() {
        return takesFrames;
    }

    @Override
    public void onEvent(DetectionEvent event) {
        for (DetectionListener l : listeners) {
            l.onEvent(event);
        }
    }

    @Override
    public void onWindow(WindowScores window) {
        for (DetectionListener l : listeners) {
            l.onWindow(window);
        }
    }

    @Override
    public void onStatus(DetectorStatus status) {
        for (DetectionListener l : listeners) {
            l.onStatus(status);
        }
    }

    @Override
    public void onAudio(long startSample, float[] samples16k, int off, int len) {
        for (DetectionListener l : listeners) {
            l.onAudio(startSample, samples16k, off, len);
        }
    }

    @Override
    public void onFrame(double startSeconds, float[] logMel64) {
        for (DetectionListener l : listeners) {
            l.onFrame(startSeconds, logMel64);
        }
    }
}
