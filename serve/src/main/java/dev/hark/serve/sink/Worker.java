package dev.hark.serve.sink;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A thread of its own behind a bounded queue: {@link #submit} never waits (a full queue drops the task, counted),
 * so detection never waits for a slow output. {@link #close} runs what was queued, then ends the thread.
 */
public final class Worker implements AutoCloseable {
    private final String name;
    private final BlockingQueue<Runnable> queue;
    private final Thread thread;
    private final Consumer<RuntimeException> failures;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private volatile boolean closing;

    /**
     * @param failures receives what a task threw (the worker goes on with the next task)
     */
    public Worker(String name, int capacity, Consumer<RuntimeException> failures) {
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.failures = failures;
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code task}; false (and counted) when the queue is full or the worker is closing. */
    public boolean submit(Runnable task) {
        if (closing || !queue.offer(task)) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    private void loop() {
        while (true) {
            Runnable r;
            try {
                r = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (r == null) {
                if (closing) {
                    return;
                }
                continue;
            }
            try {
                r.run();
            } catch (RuntimeException e) {
                failures.accept(e);
            }
            done.incrementAndGet();
        }
    }

    public String name() {
        return name;
    }

    /** Tasks refused because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Tasks waiting. */
    public int pending() {
        return queue.size();
    }

    /** Tasks run. */
    public long done() {
        return done.get();
    }

    /** Runs what is queued (waiting up to {@code timeoutMillis}), then ends the thread; idempotent. */
    public void close(long timeoutMillis) {
        closing = true;
        try {
            thread.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(30_000);
    }
}
