package dev.hark.serve;

import dev.hark.core.events.DetectionEvent;
import dev.hark.live.DetectionListener;
import dev.hark.live.DetectorStatus;
import dev.hark.live.WindowScores;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The watch list in front of the service's outputs: onsets of concepts not watched are held back (an empty list
 * watches everything the detector tracks); an offset passes when its onset did, so a concept dropped from the list
 * mid-event still ends. Windows, frames, audio and status pass unchanged. The list may be changed from any thread.
 */
final class WatchFilter implements DetectionListener {
    private final List<DetectionListener> downstream;
    private volatile Set<String> watch;
    private final Set<String> passedOnsets = new HashSet<>();

    WatchFilter(List<String> watch, List<DetectionListener> downstream) {
        this.watch = Set.copyOf(watch);
        this.downstream = downstream;
    }

    void watch(List<String> concepts) {
        this.watch = Set.copyOf(concepts);
    }

    @Override
    public void onEvent(DetectionEvent e) {
        boolean pass;
        if (e.type() == DetectionEvent.Type.ONSET) {
            Set<String> w = watch;
            pass = w.isEmpty() || w.contains(e.label());
            if (pass) {
                passedOnsets.add(e.label());
            }
        } else {
            pass = passedOnsets.remove(e.label());
        }
        if (pass) {
            for (DetectionListener l : downstream) {
                l.onEvent(e);
            }
        }
    }

    @Override
    public void onWindow(WindowScores w) {
        for (DetectionListener l : downstream) {
            l.onWindow(w);
        }
    }

    @Override
    public void onStatus(DetectorStatus s) {
        for (DetectionListener l : downstream) {
            l.onStatus(s);
        }
    }

    @Override
    public void onAudio(long startSample, float[] samples16k, int off, int len) {
        for (DetectionListener l : downstream) {
            l.onAudio(startSample, samples16k, off, len);
        }
    }

    @Override
    public void onFrame(double startSeconds, float[] logMel64) {
        for (DetectionListener l : downstream) {
            l.onFrame(startSeconds, logMel64);
        }
    }
}
