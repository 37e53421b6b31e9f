package dev.hark.serve.store;

import dev.hark.serve.sink.Worker;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Writes to the {@link EventStore} on a thread of its own, in order, so detection never waits for the disk. A
 * write that finds the database locked by another process waits and is retried (the writes after it wait behind
 * it: nothing is lost or reordered); what runs after a write ({@code then}) sees it committed.
 */
public final class StoreWriter implements AutoCloseable {
    private static final long MAX_BACKOFF_MILLIS = 2000;
    private final EventStore store;
    private final Worker worker;
    private final Consumer<String> status;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lockedRetries = new AtomicLong();
    private volatile boolean locked;

    /**
     * @param capacity writes that may wait; more are dropped and counted
     * @param status receives one line when the database becomes locked, when it is free again, and on a failure
     */
    public StoreWriter(EventStore store, int capacity, Consumer<String> status) {
        this.store = store;
        this.status = status;
        this.worker = new Worker("hark-store", capacity, e -> {
            failed.incrementAndGet();
            status.accept("event store: " + e.getMessage());
        });
    }

    /** Queues {@code write}, then {@code then} once it is committed; false when the queue was full (counted). */
    public boolean submit(Consumer<EventStore> write, Runnable then) {
        return worker.submit(() -> {
            runRetryingWhileLocked(write);
            if (then != null) {
                then.run();
            }
        });
    }

    private void runRetryingWhileLocked(Consumer<EventStore> write) {
        long backoff = 50;
        while (true) {
            try {
                write.accept(store);
                if (locked) {
                    locked = false;
                    status.accept("event store: " + store.path() + " is writable again; the writes that waited are "
                            + "saved");
                }
                return;
            } catch (StoreException e) {
                if (!e.locked()) {
                    throw e;
                }
                lockedRetries.incrementAndGet();
                if (!locked) {
                    locked = true;
                    status.accept("event store: " + store.path() + " is locked by another program; writes wait "
                            + "and are retried");
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    public EventStore store() {
        return store;
    }

    public boolean locked() {
        return locked;
    }

    /** Writes dropped because too many were waiting. */
    public long dropped() {
        return worker.dropped();
    }

    /** Writes that failed (other than waiting for a lock). */
    public long failed() {
        return failed.get();
    }

    public int pending() {
        return worker.pending();
    }

    /** Runs the queued writes (up to {@code timeoutMillis}) and stops; the store stays open. */
    public void close(long timeoutMillis) {
        worker.close(timeoutMillis);
    }

    @Override
    public void close() {
        worker.close();
    }
}
