package dev.hark.serve;

import dev.hark.core.events.DetectionEvent;
import dev.hark.live.DetectionListener;
import dev.hark.live.DetectorStatus;
import dev.hark.live.WindowScores;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The watch list in front of the service's outputs (one listener downstream, a
 * {@link dev.hark.live.ListenerFanOut} of them): onsets of concepts not watched are held back (an empty list watches
 * everything the detector tracks); an offset passes when its onset did, so a concept dropped from the list mid-event
 * still ends. Windows, frames, audio and status pass unchanged. The list may be changed from any thread.
 */
final class WatchFilter implements DetectionListener {
    private volatile DetectionListener downstream = new DetectionListener() { };
    private volatile Set<String> watch;
    private final Set<String> passedOnsets = new HashSet<>();

    WatchFilter(List<String> watch) {
        this.watch = Set.copyOf(watch);
    }

    /** Passes what it lets through to {@code next} from now on; returns this filter. */
    WatchFilter feeding(DetectionListener next) {
        this.downstream = next;
        return this;
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
            downstream.onEvent(e);
        }
    }

    @Override
    public void onWindow(WindowScores w) {
        downstream.onWindow(w);
    }

    @Override
    public void onStatus(DetectorStatus s) {
        downstream.onStatus(s);
    }

    @Override
    public void onAudio(long startSample, float[] samples16k, int off, int len) {
        downstream.onAudio(startSample, samples16k, off, len);
    }

    @Override
    public void onFrame(double startSeconds, float[] logMel64) {
        downstream.onFrame(startSeconds, logMel64);
    }

    @Override
    public boolean takesFrames() {
        return downstream.takesFrames();
    }
}
