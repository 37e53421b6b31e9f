package dev.hark.serve.sink;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-over between detection and one output's sending thread. {@link #offer} never blocks: when
 * {@code capacity} items are waiting the OLDEST waiting item is dropped and counted. The sender {@link #peek}s the
 * oldest item, which is then in flight (never dropped), sends it, and only then {@link #remove}s it, so an item whose
 * sending failed is sent again first: nothing is lost within the bound, and order is kept.
 *
 * @param <T> what is queued (immutable)
 */
public final class Outbox<T> {
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private T inFlight;
    private long offered;
    private long dropped;
    private boolean closed;

    /** @param capacity most items waiting at once (besides the one in flight) */
    public Outbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("outbox capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds an item, dropping the oldest waiting one when full; never blocks. False (nothing kept) after close. */
    public boolean offer(T item) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            offered++;
            if (items.size() == capacity) {
                items.removeFirst();
                dropped++;
            }
            items.addLast(item);
            notEmpty.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The item in flight, or else the oldest waiting one, which is then in flight until {@link #remove}d; waits up to
     * {@code timeout}; null on timeout or when closed and empty.
     */
    public T peek(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            if (inFlight != null) {
                return inFlight;
            }
            while (items.isEmpty()) {
                if (closed || nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            inFlight = items.removeFirst();
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** Takes {@code item}, the one in flight, off once it was sent (or given up). */
    public void remove(T item) {
        lock.lock();
        try {
            if (inFlight == item) {
                inFlight = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a sender waiting in {@link #peek} (something else needs its attention). */
    public void wake() {
        lock.lock();
        try {
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** No more offers are accepted; what is queued can still be taken. Idempotent. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public int capacity() {
        return capacity;
    }

    /** Items waiting, and the one in flight. */
    public int size() {
        lock.lock();
        try {
            return items.size() + (inFlight == null ? 0 : 1);
        } finally {
            lock.unlock();
        }
    }

    /** Items accepted since creation. */
    public long offered() {
        lock.lock();
        try {
            return offered;
        } finally {
            lock.unlock();
        }
    }

    /** Items dropped because the outbox was full, since creation. */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }
}
