package dev.hark.live.capture;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-over between a capture thread and a processing thread. {@link #offer} never blocks: when
 * the queue would hold more than its capacity in samples, the OLDEST chunks are dropped and counted. The
 * consumer waits in {@link #poll}; after {@link #close} it drains what is left and then gets {@code null}.
 */
public final class DropOldestQueue {
    private final long capacitySamples;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<AudioChunk> chunks = new ArrayDeque<>();
    private long queuedSamples;
    private long droppedSamples;
    private long droppedChunks;
    private double droppedSeconds;
    private long offeredSamples;
    private boolean closed;

    /** @param capacitySamples most samples held at once (a chunk larger than this is cut to its newest part) */
    public DropOldestQueue(long capacitySamples) {
        if (capacitySamples < 1) {
            throw new IllegalArgumentException("queue capacity must be positive: " + capacitySamples);
        }
        this.capacitySamples = capacitySamples;
    }

    /** Adds a chunk, dropping the oldest queued audio if needed; never blocks. Ignored after close. */
    public void offer(AudioChunk chunk) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            offeredSamples += chunk.length();
            AudioChunk c = chunk;
            if (c.length() > capacitySamples) {
                int cut = (int) (c.length() - capacitySamples);
                float[] tail = java.util.Arrays.copyOfRange(c.samples(), cut, c.length());
                droppedSamples += cut;
                droppedSeconds += cut / (double) c.sampleRateHz();
                droppedChunks++;
                c = new AudioChunk(c.startSample() + cut, tail, c.sampleRateHz());
            }
            while (queuedSamples + c.length() > capacitySamples) {
                AudioChunk old = chunks.removeFirst();
                queuedSamples -= old.length();
                droppedSamples += old.length();
                droppedSeconds += old.length() / (double) old.sampleRateHz();
                droppedChunks++;
            }
            chunks.addLast(c);
            queuedSamples += c.length();
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the oldest chunk, waiting up to {@code timeout}; returns null on timeout, or when the queue is
     * closed and empty (see {@link #isDrained()}).
     */
    public AudioChunk poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (chunks.isEmpty()) {
                if (closed || nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            AudioChunk c = chunks.removeFirst();
            queuedSamples -= c.length();
            return c;
        } finally {
            lock.unlock();
        }
    }

    /** No more offers are accepted; the consumer drains what is queued and then gets null. Idempotent. */
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
            return closed && chunks.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    public long capacitySamples() {
        return capacitySamples;
    }

    public long queuedSamples() {
        lock.lock();
        try {
            return queuedSamples;
        } finally {
            lock.unlock();
        }
    }

    /** Samples dropped because the consumer fell behind, since creation. */
    public long droppedSamples() {
        lock.lock();
        try {
            return droppedSamples;
        } finally {
            lock.unlock();
        }
    }

    /** Seconds of audio dropped since creation, each chunk at its own rate (a device may come back at another). */
    public double droppedSeconds() {
        lock.lock();
        try {
            return droppedSeconds;
        } finally {
            lock.unlock();
        }
    }

    public long droppedChunks() {
        lock.lock();
        try {
            return droppedChunks;
        } finally {
            lock.unlock();
        }
    }

    public long offeredSamples() {
        lock.lock();
        try {
            return offeredSamples;
        } finally {
            lock.unlock();
        }
    }
}
