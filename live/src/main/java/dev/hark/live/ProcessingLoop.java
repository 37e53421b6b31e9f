package dev.hark.live;

import dev.hark.live.capture.AudioChunk;
import dev.hark.live.capture.AudioSource;
import dev.hark.live.capture.DropOldestQueue;
import dev.hark.live.capture.SourceFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The processing thread's work: takes audio (from the capture queue, or straight from a source that is not
 * real-time), runs it through the {@link DetectionPipeline}, and is the only thread that calls the listeners:
 * windows, events and every status (also those posted by the capture thread), in stream order. At the end it
 * closes the open events, sends STOPPED or FAILED, and closes the pipeline's models, whatever happened.
 */
final class ProcessingLoop implements Runnable {
    private static final long SECOND_NANOS = 1_000_000_000L;
    /** Longest wait for audio before looking at posted statuses: quick, and in a quiet room (reads are spaced). */
    private static final long POLL_MILLIS = 100;
    private static final long QUIET_POLL_MILLIS = 500;

    private final AudioSource source;
    private final SourceFormat format;
    private final DropOldestQueue queue;
    private final CaptureLoop capture;
    private final CapturePace pace;
    private final DetectionPipeline pipeline;
    private final RunControl control;
    private final DetectionListener listeners;
    private final RunningStats stats;
    private final double durationSeconds;
    private final double statusIntervalSeconds;
    private final HeapTrimmer heapTrimmer;
    private final LongSupplier nanoClock;
    private volatile DetectorStats lastStats;
    private double droppedSeen;
    private long lastStatusNanos;
    private long lastStatsNanos;
    private long lastDropReportNanos;

    /**
     * @param queue the capture queue, or null to read {@code source} on this thread
     * @param pace the capture thread's pace, told after each piece of audio whether the room is quiet (with a queue)
     * @param heapTrimmer null: never trims the heap
     */
    ProcessingLoop(AudioSource source, SourceFormat format, DropOldestQueue queue, CaptureLoop capture,
            CapturePace pace, DetectionPipeline pipeline, RunControl control, List<DetectionListener> listeners,
            double durationSeconds, double statusIntervalSeconds, HeapTrimmer heapTrimmer, LongSupplier nanoClock, DetectorStats initial) {
        this.source = source;
        this.format = format;
        this.queue = queue;
        this.capture = capture;
        this.pace = pace;
        this.pipeline = pipeline;
        this.control = control;
        this.stats = new RunningStats(nanoClock);
        List<DetectionListener> all = new ArrayList<>();
        all.add(stats);
        all.addAll(listeners);
        this.listeners = new ListenerFanOut(all);
        this.durationSeconds = durationSeconds;
        this.statusIntervalSeconds = statusIntervalSeconds;
        this.heapTrimmer = heapTrimmer;
        this.nanoClock = nanoClock;
        this.lastStats = initial;
        this.lastStatusNanos = nanoClock.getAsLong();
    }

    /** Totals so far (refreshed about every second; final once the run finished). */
    DetectorStats stats() {
        return lastStats;
    }

    @Override
    public void run() {
        try {
            deliverPosted();
            if (queue != null) {
                pipeline.warmUp(); // a real-time source: its first sound should not wait for the model's first run
                fromQueue();
            } else {
                fromSource();
            }
            if (control.failure() == null) {
                pipeline.finish(listeners);
            }
        } catch (Throwable e) {
            control.fail(e);
        } finally {
            end();
        }
    }

    private void fromQueue() throws InterruptedException {
        while (true) {
            AudioChunk c = queue.poll(pace.quiet() ? QUIET_POLL_MILLIS : POLL_MILLIS, TimeUnit.MILLISECONDS);
            deliverPosted();
            if (c == null) {
                if (queue.isDrained()) {
                    break;
                }
                periodicStatus();
                continue;
            }
            double dropped = queue.droppedSeconds();
            if (dropped > droppedSeen) {
                pipeline.skip(dropped - droppedSeen);
                droppedSeen = dropped;
                reportDropped();
            }
            pipeline.process(c.samples(), c.sampleRateHz(), listeners);
            pace.quiet(pipeline.gateClosedSeconds() >= CapturePace.QUIET_AFTER_SECONDS);
            periodicStatus();
        }
    }

    private void fromSource() throws java.io.IOException {
        int rate = format.sampleRateHz();
        float[] buf = new float[(int) Math.ceil(rate * CaptureLoop.READ_SECONDS) * 4];
        long limit = durationSeconds > 0 ? Math.round(durationSeconds * rate) : Long.MAX_VALUE;
        long position = 0;
        while (!control.stopRequested() && position < limit) {
            int n = source.read(buf, 0, (int) Math.min(buf.length, limit - position));
            if (n < 0) {
                break;
            }
            position += n;
            pipeline.process(Arrays.copyOf(buf, n), rate, listeners);
            periodicStatus();
        }
    }

    private void end() {
        try {
            source.close();
        } catch (RuntimeException e) {
            control.fail(e);
        }
        Throwable f = control.failure();
        lastStats = snapshot();
        deliverPosted();
        try {
            if (f == null) {
                status(DetectorStatus.Kind.STOPPED, String.format(Locale.ROOT, "stopped after %.1f s of audio",
                        lastStats.audioSeconds()));
            } else {
                status(DetectorStatus.Kind.FAILED, f.getMessage() == null ? f.toString() : f.getMessage());
            }
        } catch (RuntimeException e) {
            control.fail(e);
        } finally {
            try {
                pipeline.close(); // this thread owns the models: they are closed when it is done with them
            } catch (RuntimeException e) {
                control.fail(e);
            }
            control.finished();
        }
    }

    private void reportDropped() {
        long now = nanoClock.getAsLong();
        if (now - lastDropReportNanos > SECOND_NANOS) {
            lastDropReportNanos = now;
            status(DetectorStatus.Kind.AUDIO_DROPPED, String.format(Locale.ROOT,
                    "processing fell behind: %.2f s of audio dropped so far", queue.droppedSeconds()));
        }
    }

    private void deliverPosted() {
        RunControl.Pending p;
        while ((p = control.nextPosted()) != null) {
            status(p.kind(), p.message());
        }
    }

    private void periodicStatus() {
        if (heapTrimmer != null) {
            heapTrimmer.maybeTrim(pipeline.processedSeconds());
        }
        long now = nanoClock.getAsLong();
        if (now - lastStatsNanos >= SECOND_NANOS) {
            lastStatsNanos = now;
            lastStats = snapshot();
        }
        if (statusIntervalSeconds > 0 && now - lastStatusNanos >= statusIntervalSeconds * 1e9) {
            lastStatusNanos = now;
            DetectorStats s = snapshot();
            status(DetectorStatus.Kind.PERIODIC, String.format(Locale.ROOT,
                    "%.1f s of audio, %d windows run, %d skipped (gate), %d events, %.2f s dropped, gate open %.0f%%",
                    s.audioSeconds(), s.windowsRun(), s.windowsSkipped(), s.events(), s.droppedSeconds(),
                    100 * s.gateOpenFraction()));
        }
    }

    private void status(DetectorStatus.Kind kind, String message) {
        if (kind != DetectorStatus.Kind.STARTED) {
            lastStats = snapshot();
        }
        listeners.onStatus(new DetectorStatus(kind, message, lastStats));
    }

    private DetectorStats snapshot() {
        return stats.snapshot(pipeline, queue == null ? 0 : queue.droppedSeconds(), capture);
    }
}
