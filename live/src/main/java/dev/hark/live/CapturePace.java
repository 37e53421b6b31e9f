package dev.hark.live;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How often the capture thread reads a real-time source. While the gate is open, or was open less than
 * {@link #QUIET_AFTER_SECONDS} ago, it reads as soon as audio is in (every few tens of milliseconds). In a quiet room
 * (the gate closed for longer) it lets {@link #QUIET_READ_MILLIS} of audio gather between two reads, so that both the
 * capture and the processing thread wake five times a second instead of twenty-five; the processing thread ends a
 * quiet stretch as soon as it sees the gate open, and wakes the capture thread. Onsets are not later for it: the
 * window a sound's onset is reported from ends 0.25 s after the gate opened ({@link OnsetWindows}), later than
 * the quiet reads' delay, and its audio is read the quick way. Results do not depend on how the audio was cut into
 * pieces (the bit-for-bit tests), so none changes.
 */
final class CapturePace {
    /** Audio gathered between two reads in a quiet room. */
    static final long QUIET_READ_MILLIS = 200;
    /** The gate closed this long makes a quiet room. */
    static final double QUIET_AFTER_SECONDS = 1.0;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean quiet;

    /** Whether reads are spaced out now. */
    boolean quiet() {
        return quiet;
    }

    /** The processing thread's say, after each piece of audio: quiet, or not (which wakes a waiting capture thread). */
    void quiet(boolean q) {
        if (q == quiet) {
            return;
        }
        quiet = q;
        if (!q) {
            wake();
        }
    }

    /** Ends a wait in {@link #awaitRead} at once (the gate opened, or the run stops). */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * On the capture thread, before a read: in a quiet room waits until {@link #QUIET_READ_MILLIS} have passed since
     * {@code lastReadNanos} (on {@link System#nanoTime()}'s clock), or until woken; otherwise returns at once.
     */
    void awaitRead(long lastReadNanos) throws InterruptedException {
        if (!quiet) {
            return;
        }
        long deadline = lastReadNanos + TimeUnit.MILLISECONDS.toNanos(QUIET_READ_MILLIS);
        lock.lock();
        try {
            long left;
            while (quiet && (left = deadline - System.nanoTime()) > 0) {
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }
}
