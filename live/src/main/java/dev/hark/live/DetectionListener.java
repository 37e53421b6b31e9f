package dev.hark.live;

import dev.hark.core.events.DetectionEvent;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Receives what a {@link Detector} finds. Every method is called on the Detector's processing thread, in
 * stream order: return quickly (hand long work to another thread). {@link Detector#stop()} may be called from
 * here: it then returns at once and the detector stops after this call. Exceptions thrown here stop the detector
 * with that failure. For one kind of report a lambda will do: {@link Detector#onEvent}, or {@link #forEvents}.
 */
public interface DetectionListener {
    /** An onset or offset of a label. */
    default void onEvent(DetectionEvent event) {
    }

    /** One window on the hop grid, run by the models or skipped by the activity gate. */
    default void onWindow(WindowScores window) {
    }

    /** A state change (started, device lost, reconnected, audio dropped, stopped) or a periodic status. */
    default void onStatus(DetectorStatus status) {
    }

    /**
     * The next 16 kHz samples processed, starting at {@code startSample} on the stream's timeline (which jumps
     * over audio dropped by an overrun). The array is shared: read it, never write or keep it.
     */
    default void onAudio(long startSample, float[] samples16k, int off, int len) {
    }

    /**
     * One log-mel frame of the front end as it completes: the 64 bands (lowest first) the models' windows are made
     * of, one every 10 ms, each covering 25 ms from {@code startSeconds} on the stream's timeline. The array is
     * never written again. For a live spectrogram. Only while some listener {@linkplain #takesFrames takes frames}
     * does the front end make every frame: otherwise it makes only those of the windows the gate lets run.
     */
    default void onFrame(double startSeconds, float[] logMel64) {
    }

    /**
     * Whether this listener takes {@link #onFrame}: by default, whether its class overrides it. A listener that
     * hands frames on to others says whether any of them takes them ({@link ListenerFanOut} does).
     */
    default boolean takesFrames() {
        try {
            return getClass().getMethod("onFrame", double.class, float[].class).getDeclaringClass()
                    != DetectionListener.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    /** A listener for events only: {@code DetectionListener.forEvents(e -> System.out.println(e))}. */
    static DetectionListener forEvents(Consumer<? super DetectionEvent> action) {
        Objects.requireNonNull(action);
        return new DetectionListener() {
            @Override
            public void onEvent(DetectionEvent event) {
                action.accept(event);
            }
        };
    }

    /** A listener for windows only. */
    static DetectionListener forWindows(Consumer<? super WindowScores> action) {
        Objects.requireNonNull(action);
        return new DetectionListener() {
            @Override
            public void onWindow(WindowScores window) {
                action.accept(window);
            }
        };
    }

    /** A listener for statuses only. */
    static DetectionListener forStatus(Consumer<? super DetectorStatus> action) {
        Objects.requireNonNull(action);
        return new DetectionListener() {
            @Override
            public void onStatus(DetectorStatus status) {
                action.accept(status);
            }
        };
    }
}
