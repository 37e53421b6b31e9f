package dev.hark.live;

import dev.hark.config.listen.ListenSettings;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.live.capture.AudioSource;
import dev.hark.live.capture.DropOldestQueue;
import dev.hark.live.capture.SourceFormat;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The threads of one {@link Detector} run: a capture thread with its bounded queue for a real-time source, and the
 * processing thread; how they start and how they are stopped.
 */
final class LiveRun {
    private final AudioSource source;
    private final SourceFormat format;
    private final RunControl control;
    private final CaptureLoop capture;
    private final ProcessingLoop processing;
    private final CapturePace pace = new CapturePace();
    private final Thread captureThread;
    private final Thread processingThread;

    /**
     * @param heapTrimmer null: the heap is left to the JVM
     * @param nanoClock the time for status intervals and wall seconds ({@link System#nanoTime()} but in tests)
     */
    LiveRun(AudioSource source, SourceFormat format, DetectionPipeline pipeline, ListenSettings settings,
            RunControl control, List<DetectionListener> listeners, double statusIntervalSeconds,
            HeapTrimmer heapTrimmer, Sleeper sleeper, LongSupplier nanoClock, DetectorStats initialStats) {
        this.source = source;
        this.format = format;
        this.control = control;
        DropOldestQueue queue = null;
        if (source.realtime()) {
            queue = new DropOldestQueue(Math.max(1, Math.round(settings.queueSeconds()
                    * Math.max(FrontEndParams.SAMPLE_RATE_HZ, format.sampleRateHz()))));
            capture = new CaptureLoop(source, format, queue, control, settings.durationSeconds(),
                    settings.reconnect(), sleeper, pace);
            captureThread = daemon(capture, "hark-capture");
            captureThread.setPriority(Thread.MAX_PRIORITY);
        } else {
            capture = null;
            captureThread = null;
        }
        control.post(DetectorStatus.Kind.STARTED, "listening: " + format.description() + "; model "
                + pipeline.modelName() + ", hop " + settings.hopFrames() * 10 + " ms, gate "
                + settings.gate().mode().cliName());
        processing = new ProcessingLoop(source, format, queue, capture, queue == null ? null : pace, pipeline, control,
                listeners,                settings.durationSeconds(), statusIntervalSeconds, heapTrimmer, nanoClock, initialStats);
        processingThread = daemon(processing, "hark-processing");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    void start() {
        processingThread.start();
        if (captureThread != null) {
            captureThread.start();
        }
    }

    /**
     * Asks both threads to end and waits up to {@code timeout} for the processing thread. Called on the processing
     * thread itself (from a listener) it only asks: a thread cannot wait for itself.
     */
    void stop(Duration timeout) {
        control.requestStop();
        pace.wake();
        if (Thread.currentThread() == processingThread) {
            if (captureThread != null) {
                daemon(this::endCapture, "hark-stop").start();
            }
            return;
        }
        endCapture();
        try {
            control.awaitFinished(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the capture thread end; closes the source when a read is stuck on a dead device. */
    private void endCapture() {
        if (captureThread == null) {
            return;
        }
        try {
            captureThread.join(1000);
            if (captureThread.isAlive()) {
                source.close();
                captureThread.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    DetectorStats stats() {
        return processing.stats();
    }

    /** The format of the source as last opened (a device may come back at another rate). */
    SourceFormat sourceFormat() {
        return capture != null ? capture.format() : format;
    }
}
