package dev.hark.live.capture;

import dev.hark.live.queue.Handover;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bounded hand-over of audio between a capture thread and a processing thread: a {@link Handover} of chunks
 * weighed in samples. {@link #offer} never blocks: when the queue would hold more than its capacity in samples, the
 * OLDEST chunks are dropped and counted (a chunk larger than the whole capacity is cut to its newest part). The
 * consumer waits in {@link #poll}; after {@link #close} it drains what is left and then gets {@code null}.
 */
public final class DropOldestQueue {
    private final long capacitySamples;
    private final Handover<AudioChunk> chunks;
    private final DoubleAdder droppedSeconds = new DoubleAdder();
    private final LongAdder cutSamples = new LongAdder();
    private final LongAdder cutChunks = new LongAdder();
    private final LongAdder offeredSamples = new LongAdder();

    /** @param capacitySamples most samples held at once (a chunk larger than this is cut to its newest part) */
    public DropOldestQueue(long capacitySamples) {
        this.capacitySamples = capacitySamples;
        this.chunks = new Handover<>(capacitySamples, AudioChunk::length,
                old -> droppedSeconds.add(old.length() / (double) old.sampleRateHz()));
    }

    /** Adds a chunk, dropping the oldest queued audio if needed; never blocks. Ignored after close. */
    public void offer(AudioChunk chunk) {
        AudioChunk c = chunk;
        int cut = 0;
        if (c.length() > capacitySamples) {
            cut = (int) (c.length() - capacitySamples);
            c = new AudioChunk(c.startSample() + cut, Arrays.copyOfRange(c.samples(), cut, c.length()),
                    c.sampleRateHz());
        }
        if (chunks.offer(c)) {
            offeredSamples.add(chunk.length());
            if (cut > 0) {
                cutSamples.add(cut);
                cutChunks.increment();
                droppedSeconds.add(cut / (double) c.sampleRateHz());
            }
        }
    }

    /**
     * Takes the oldest chunk, waiting up to {@code timeout}; returns null on timeout, or when the queue is
     * closed and empty (see {@link #isDrained()}).
     */
    public AudioChunk poll(long timeout, TimeUnit unit) throws InterruptedException {
        return chunks.poll(timeout, unit);
    }

    /** No more offers are accepted; the consumer drains what is queued and then gets null. Idempotent. */
    public void close() {
        chunks.close();
    }

    /** True once closed and empty: nothing will come any more. */
    public boolean isDrained() {
        return chunks.isDrained();
    }

    public long capacitySamples() {
        return capacitySamples;
    }

    public long queuedSamples() {
        return chunks.queuedWeight();
    }

    /** Samples dropped because the consumer fell behind, since creation. */
    public long droppedSamples() {
        return chunks.droppedWeight() + cutSamples.sum();
    }

    /** Seconds of audio dropped since creation, each chunk at its own rate (a device may come back at another). */
    public double droppedSeconds() {
        return droppedSeconds.sum();
    }

    public long droppedChunks() {
        return chunks.dropped() + cutChunks.sum();
    }

    public long offeredSamples() {
        return offeredSamples.sum();
    }
}
