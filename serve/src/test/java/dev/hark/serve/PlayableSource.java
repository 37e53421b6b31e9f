package dev.hark.serve;

import dev.hark.live.capture.AudioSource;
import dev.hark.live.capture.SourceFormat;
import dev.hark.testkit.Signals;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A virtual microphone for tests: 16 kHz at real-time pace, quiet room noise (-70 dBFS) until the test {@link #play}s
 * a sound, which then comes next in the stream. Runs until closed, like a device.
 */
public final class PlayableSource implements AudioSource {
    private final float[] room = Signals.noise(1.0, -70, 11);
    private final ConcurrentLinkedQueue<float[]> queued = new ConcurrentLinkedQueue<>();
    private volatile boolean open;
    private volatile int playing;
    private float[] current;
    private int currentPos;
    private long position;
    private long startNanos;

    /** Plays {@code samples16k} next (after what is already queued). */
    public void play(float[] samples16k) {
        queued.add(samples16k);
    }

    /** Whether a sound played is still to come or coming. */
    public boolean busy() {
        return !queued.isEmpty() || playing > 0;
    }

    /** Waits until every sound played has been delivered (at most {@code seconds}). */
    public void awaitPlayed(double seconds) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (busy()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the virtual microphone did not get through its sounds in " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public String name() {
        return "virtual microphone";
    }

    @Override
    public SourceFormat open() {
        open = true;
        position = 0;
        startNanos = System.nanoTime();
        return new SourceFormat(16_000, "virtual microphone, 16 kHz mono");
    }

    @Override
    public int read(float[] buf, int off, int len) {
        if (!open) {
            return -1;
        }
        long wait = startNanos + position * 1_000_000_000L / 16_000 - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        int n = Math.min(len, 800); // 50 ms at a time, as a device delivers
        for (int i = 0; i < n; i++) {
            if (current == null) {
                current = queued.poll();
                currentPos = 0;
                playing = current == null ? 0 : 1;
            }
            if (current != null) {
                buf[off + i] = current[currentPos++];
                if (currentPos == current.length) {
                    current = null;
                    playing = queued.isEmpty() ? 0 : 1;
                }
            } else {
                buf[off + i] = room[(int) ((position + i) % room.length)];
            }
        }
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
        open = false;
    }
}
