package dev.hark.live;

import dev.hark.core.events.DetectionEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The detector's totals: counts the windows and onsets it is shown (as a listener on the processing thread), and
 * makes {@link DetectorStats} snapshots with the CPU time of the processing and capture threads.
 */
final class RunningStats implements DetectionListener {
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final LongSupplier nanoClock;
    private final Map<String, Integer> eventsPerLabel = new LinkedHashMap<>();
    private long windowsRun;
    private long windowsSkipped;
    private final long startNanos;
    private double processingCpuSeconds;

    /** Wall time counts from now. */
    RunningStats(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    @Override
    public void onWindow(WindowScores w) {
        if (w.ran()) {
            windowsRun++;
        } else {
            windowsSkipped++;
        }
    }

    @Override
    public void onEvent(DetectionEvent e) {
        if (e.type() == DetectionEvent.Type.ONSET) {
            eventsPerLabel.merge(e.label(), 1, Integer::sum);
        }
    }

    /** The totals before anything ran. */
    static DetectorStats empty(boolean gateOff) {
        return new DetectorStats(0, 0, 0, 0, gateOff ? 1 : 0, Map.of(), 0, 0, 0, 0);
    }

    /**
     * The totals now; call on the processing thread (its CPU time is read from the current thread).
     *
     * @param capture the capture loop, or null when the source is read on the processing thread
     */
    DetectorStats snapshot(DetectionPipeline pipeline, double droppedSeconds, CaptureLoop capture) {
        if (mx.isCurrentThreadCpuTimeSupported()) {
            processingCpuSeconds = mx.getCurrentThreadCpuTime() / 1e9;
        }
        return new DetectorStats(pipeline.processedSeconds(), droppedSeconds, windowsRun, windowsSkipped,
                pipeline.gateOpenFraction(), eventsPerLabel, processingCpuSeconds,
                capture == null ? 0 : capture.cpuSeconds(), (nanoClock.getAsLong() - startNanos) / 1e9,
                capture == null ? 0 : capture.reconnects());
    }
}
