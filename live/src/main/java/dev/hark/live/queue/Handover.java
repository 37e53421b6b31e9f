package dev.hark.live.queue;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The bounded hand-over between a producer and one consumer thread. {@link #offer} never blocks: when the items
 * waiting would weigh more than the capacity (in items, or in a weight of each such as its samples), the OLDEST waiting
 * items are dropped and counted. The consumer either {@link #poll}s (takes the oldest item) or {@link #peek}s it, which
 * keeps that item in flight (never dropped) until it {@link #remove}s it once sent, so an item whose sending failed is
 * sent again first: nothing is lost within the bound, and order is kept. After {@link #close} no offer is taken; the
 * consumer drains what is left and then gets {@code null}.
 *
 * @param <T> what is handed over (immutable)
 */
public final class Handover<T> {
    private final long capacity;
    private final ToLongFunction<? super T> weight;
    private final Consumer<? super T> onDrop;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private T inFlight;
    private long queuedWeight;
    private long offered;
    private long dropped;
    private long droppedWeight;
    private boolean closed;

    /**
     * @param capacity most weight waiting at once (besides the item in flight)
     * @param weight the weight of an item (at least 1; an item heavier than the capacity is kept alone)
     * @param onDrop told of each item dropped, under the hand-over's lock (keep it short; may be a no-op)
     */
    public Handover(long capacity, ToLongFunction<? super T> weight, Consumer<? super T> onDrop) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.weight = Objects.requireNonNull(weight);
        this.onDrop = Objects.requireNonNull(onDrop);
    }

    /** A hand-over of at most {@code capacity} waiting items. */
    public static <T> Handover<T> ofItems(int capacity) {
        return new Handover<>(capacity, t -> 1, t -> { });
    }

    /** Adds an item, dropping the oldest waiting ones when full; never blocks. False (nothing kept) after close. */
    public boolean offer(T item) {
        long w = weight.applyAsLong(item);
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            offered++;
            while (!items.isEmpty() && queuedWeight + w > capacity) {
                T old = items.removeFirst();
                long ow = weight.applyAsLong(old);
                queuedWeight -= ow;
                dropped++;
                droppedWeight += ow;
                onDrop.accept(old);
            }
            items.addLast(item);
            queuedWeight += w;
            notEmpty.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the oldest item (the one in flight first), waiting up to {@code timeout}; null on timeout, or when closed
     * and empty (see {@link #isDrained()}).
     */
    public T poll(long timeout, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            T t = peek(timeout, unit);
            if (t != null) {
                inFlight = null;
            }
            return t;
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
            queuedWeight -= weight.applyAsLong(inFlight);
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

    /** Wakes a consumer waiting in {@link #peek} or {@link #poll} (something else needs its attention). */
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

    /** True once closed and empty: nothing will come any more. */
    public boolean isDrained() {
        lock.lock();
        try {
            return closed && items.isEmpty() && inFlight == null;
        } finally {
            lock.unlock();
        }
    }

    public long capacity() {
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

    /** The weight of the items waiting (not of the one in flight). */
    public long queuedWeight() {
        lock.lock();
        try {
            return queuedWeight;
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

    /** Items dropped because the hand-over was full, since creation. */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** The weight of the items dropped, since creation. */
    public long droppedWeight() {
        lock.lock();
        try {
            return droppedWeight;
        } finally {
            lock.unlock();
        }
    }
}
