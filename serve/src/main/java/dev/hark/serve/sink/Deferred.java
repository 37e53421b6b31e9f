package dev.hark.serve.sink;

import dev.hark.core.events.DetectionEvent;
import dev.hark.live.DetectionListener;
import dev.hark.live.DetectorStatus;
import dev.hark.live.WindowScores;
import java.util.ArrayList;
import java.util.List;

/**
 * An output whose listener can only be made once the detector has started (MQTT announces the concepts the
 * detector tracks, known after its models are open): until then the events wait here, in order, so that none is
 * lost; windows, audio and status before that moment are not kept (the next ones replace them).
 */
public final class Deferred implements DetectionListener {
    private final List<DetectionEvent> early = new ArrayList<>();
    private volatile DetectionListener target;

    /** Hands every waiting event to {@code listener}, then everything from now on; once. */
    public void attach(DetectionListener listener) {
        synchronized (early) {
            if (target != null) {
                throw new IllegalStateException("already attached");
            }
            early.forEach(listener::onEvent);
            early.clear();
            target = listener;
        }
    }

    @Override
    public void onEvent(DetectionEvent event) {
        DetectionListener t = target;
        if (t == null) {
            synchronized (early) {
                t = target;
                if (t == null) {
                    early.add(event);
                    return;
                }
            }
        }
        t.onEvent(event);
    }

    @Override
    public void onWindow(WindowScores window) {
        DetectionListener t = target;
        if (t != null) {
            t.onWindow(window);
        }
    }

    @Override
    public void onStatus(DetectorStatus status) {
        DetectionListener t = target;
        if (t != null) {
            t.onStatus(status);
        }
    }

    @Override
    public void onAudio(long startSample, float[] samples16k, int off, int len) {
        DetectionListener t = target;
        if (t != null) {
            t.onAudio(startSample, samples16k, off, len);
        }
    }
}
