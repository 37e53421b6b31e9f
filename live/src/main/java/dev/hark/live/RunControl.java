package dev.hark.live;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the facade, the capture thread and the processing thread share about one run: the stop request, the
 * first failure, statuses posted by other threads for the processing thread to deliver (listeners are only ever
 * called there), and the moment the run finished.
 */
final class RunControl {
    /** A status waiting to be delivered. */
    record Pending(DetectorStatus.Kind kind, String message) {
    }

    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;

    void requestStop() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** Records {@code e} unless a failure was recorded before (the first one is the cause). */
    void fail(Throwable e) {
        failure.compareAndSet(null, e);
    }

    Throwable failure() {
        return failure.get();
    }

    /** Queues a status for the processing thread (any thread may call this). */
    void post(DetectorStatus.Kind kind, String message) {
        pending.add(new Pending(kind, message));
    }

    /** The next status posted, or null. */
    Pending nextPosted() {
        return pending.poll();
    }

    void finished() {
        finished.countDown();
    }

    boolean isFinished() {
        return finished.getCount() == 0;
    }

    boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    void awaitFinished() throws InterruptedException {
        finished.await();
    }

    /** Throws the recorded failure, if any (unchecked ones as they are). */
    void rethrow() {
        Throwable f = failure.get();
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error er) {
            throw er;
        }
        if (f != null) {
            throw new IllegalStateException("detector failed: " + f, f);
        }
    }
}
