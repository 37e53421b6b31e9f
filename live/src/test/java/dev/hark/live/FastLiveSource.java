package dev.hark.live;

import dev.hark.live.capture.AudioSource;
import dev.hark.live.capture.SourceFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real-time source (so the detector puts its capture thread and queue in between) that delivers its samples
 * as fast as they are read. Then it ends, or, when {@code idleAtEnd}, behaves like a microphone in a silent
 * moment: reads return nothing until it is closed or stopped. {@link #delivered} opens once all was read.
 */
final class FastLiveSource implements AudioSource {
    final CountDownLatch delivered = new CountDownLatch(1);
    private final float[] samples;
    private final boolean idleAtEnd;
    private volatile boolean closed;
    private int position;

    FastLiveSource(float[] samples, boolean idleAtEnd) {
        this.samples = samples;
        this.idleAtEnd = idleAtEnd;
    }

    @Override
    public String name() {
        return "fast live source";
    }

    @Override
    public SourceFormat open() {
        return new SourceFormat(16_000, "fast live source");
    }

    @Override
    public int read(float[] buf, int off, int len) {
        if (position >= samples.length) {
            delivered.countDown();
            if (!idleAtEnd || closed) {
                return -1;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // a quiet device: nothing yet
            return 0;
        }
        int n = Math.min(len, samples.length - position);
        System.arraycopy(samples, position, buf, off, n);
        position += n;
        return n;
    }

    @Override
    public boolean realtime() {
        return true;
    }

    @Override
    public boolean reconnectable() {
        return false;
    }

    @Override
    public void close() {
        closed = true;
    }
}
