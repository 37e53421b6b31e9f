package dev.hark.serve.sink;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-over between detection and one output's sending thread. {@link #offer} never blocks: when the
 * outbox is full the OLDEST item is dropped and counted. The sender {@link #peek}s the oldest item, sends it, and
 * only then {@link #remove}s it, so an item whose sending failed is sent again first (nothing is lost within the
 * bound, order is kept).
 *
 * @param <T> what is queued (immutable)
 */
public final class Outbox<T> {
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private long offered;
    private long dropped;
    private boolean closed;

    /** @param capacity most items held at once */
    public Outbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("outbox capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds an item, dropping the oldest when full; never blocks. Returns false (and keeps nothing) after close. */
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

    /** The oldest item without taking it, waiting up to {@code timeout}; null on timeout or when closed and empty. */
    public T peek(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (items.isEmpty()) {
                if (closed || nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return items.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes {@code item} off the head once it was sent; does nothing when it is no longer there (dropped by an
     * overflow meanwhile).
     */
    public void remove(T item) {
        lock.lock();
        try {
            if (items.peekFirst() == item) {
                items.removeFirst();
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

    public int size() {
        lock.lock();
        try {
            return items.size();
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
