package dev.hark.live;

import dev.hark.errors.BadInputException;
import dev.hark.errors.HarkException;
import dev.hark.live.capture.AudioChunk;
import dev.hark.live.capture.AudioSource;
import dev.hark.live.capture.DropOldestQueue;
import dev.hark.live.capture.SourceFormat;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The capture thread's work for a real-time source: read, copy, enqueue, nothing else (so an overrun drops the
 * oldest audio in the queue instead of blocking the device). How often it reads is the {@link CapturePace}'s say: as
 * soon as audio is in, or in a quiet room every {@link CapturePace#QUIET_READ_MILLIS}. A lost device is re-opened with back-off,
 * {@link #RECONNECT_FIRST_MS} doubling to {@link #RECONNECT_MAX_MS}, each state change posted as a status for the
 * processing thread to deliver. Ends at the source's end, at the duration limit, or when stopped; then closes
 * the queue.
 */
final class CaptureLoop implements Runnable {
    /** Samples read per call: 50 ms at the source's rate. */
    static final double READ_SECONDS = 0.05;
    /** At most this much is read per call in a quiet room (the pace lets {@link CapturePace#QUIET_READ_MILLIS} in). */
    static final double QUIET_READ_SECONDS = 0.5;
    static final long RECONNECT_FIRST_MS = 500;
    static final long RECONNECT_MAX_MS = 10_000;

    private final AudioSource source;
    private final DropOldestQueue queue;
    private final RunControl control;
    private final double durationSeconds;
    private final boolean reconnect;
    private final Sleeper sleeper;
    private final CapturePace pace;
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private volatile SourceFormat format;
    private volatile Thread thread;
    private volatile long cpuNanos;
    private volatile int reconnects;

    /** @param durationSeconds stop after this much audio (0: no limit), counted across reconnects at any rate */
    CaptureLoop(AudioSource source, SourceFormat format, DropOldestQueue queue, RunControl control,
            double durationSeconds, boolean reconnect, Sleeper sleeper, CapturePace pace) {
        this.source = source;
        this.format = format;
        this.queue = queue;
        this.control = control;
        this.durationSeconds = durationSeconds;
        this.reconnect = reconnect;
        this.sleeper = sleeper;
        this.pace = pace;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        int rate = format.sampleRateHz();
        float[] buf = new float[(int) Math.ceil(rate * QUIET_READ_SECONDS)];
        int quick = (int) Math.ceil(rate * READ_SECONDS);
        long lastRead = System.nanoTime();
        double secondsBefore = 0; // audio captured at earlier rates (before the last reconnect)
        long position = 0; // samples at the current rate
        long limit = limitSamples(0, rate);
        long quietSince = -1; // System.nanoTime() when the current quiet stretch's reads began; -1: not quiet
        long quietFrom = 0; // the position then
        try {
            while (!control.stopRequested() && position < limit) {
                int n;
                try {
                    boolean quiet = pace.quiet();
                    if (!quiet) {
                        quietSince = -1;
                    } else if (quietSince < 0) {
                        quietSince = lastRead;
                        quietFrom = position;
                    }
                    // A source that gives less than asked per read (a device delivering 50 ms at a time, a
                    // library user's source) must not fall behind the stream for the quiet reads' waits: behind
                    // the clock by more than a quiet read and a margin, it is read again at once.
                    if (!quiet || !behind(quietSince, position - quietFrom, rate)) {
                        pace.awaitRead(lastRead);
                    }
                    int want = pace.quiet() ? buf.length : quick;
                    n = source.read(buf, 0, (int) Math.min(want, limit - position));
                    lastRead = System.nanoTime();
                } catch (IOException e) {
                    if (control.stopRequested()) {
                        break;
                    }
                    if (!reconnect || !source.reconnectable()) {
                        throw new BadInputException(e.getMessage(), e);
                    }
                    SourceFormat f = reopen(e.getMessage());
                    if (f == null) {
                        break;
                    }
                    format = f;
                    quietSince = -1;
                    if (f.sampleRateHz() != rate) {
                        secondsBefore += position / (double) rate;
                        position = 0;
                        rate = f.sampleRateHz();
                        buf = new float[(int) Math.ceil(rate * QUIET_READ_SECONDS)];
                        quick = (int) Math.ceil(rate * READ_SECONDS);
                        limit = limitSamples(secondsBefore, rate);
                    }
                    continue;
                }
                if (n < 0) {
                    break;
                }
                if (n > 0) {
                    queue.offer(new AudioChunk(position, Arrays.copyOf(buf, n), rate));
                    position += n;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // asked to end while waiting for audio to gather
        } catch (RuntimeException e) {
            control.fail(e);
        } finally {
            cpuNanos = mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : 0;
            queue.close();
        }
    }

    /** Lag allowed behind the clock in a quiet stretch before the capture stops waiting between reads. */
    static final double QUIET_LAG_SECONDS = CapturePace.QUIET_READ_MILLIS / 1000.0 + 0.1;

    /** Whether {@code samples} read since {@code sinceNanos} lag the clock by more than {@link #QUIET_LAG_SECONDS}. */
    static boolean behind(long sinceNanos, long samples, int rate) {
        double elapsed = (System.nanoTime() - sinceNanos) / 1e9;
        return elapsed - samples / (double) rate > QUIET_LAG_SECONDS;
    }

    /** Samples at {@code rate} still to capture after {@code secondsDone}; no limit without a duration. */
    private long limitSamples(double secondsDone, int rate) {
        return durationSeconds > 0 ? Math.round((durationSeconds - secondsDone) * rate) : Long.MAX_VALUE;
    }

    /** Re-opens a lost device with back-off; null when stopped meanwhile. */
    private SourceFormat reopen(String why) {
        source.close();
        control.post(DetectorStatus.Kind.DEVICE_LOST, "audio device lost: " + why + "; reconnecting");
        long backoff = RECONNECT_FIRST_MS;
        while (!control.stopRequested()) {
            try {
                sleeper.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            if (control.stopRequested()) {
                return null;
            }
            try {
                SourceFormat f = source.open();
                reconnects++;
                control.post(DetectorStatus.Kind.RECONNECTED, "audio device back: " + f.description());
                return f;
            } catch (HarkException e) {
                backoff = Math.min(RECONNECT_MAX_MS, backoff * 2);
                control.post(DetectorStatus.Kind.RECONNECTING, String.format(Locale.ROOT,
                        "still no audio device (%s); next try in %.1f s", e.getMessage(), backoff / 1000.0));
            }
        }
        return null;
    }

    /** The format of the source as last opened (changes when a device comes back at another rate). */
    SourceFormat format() {
        return format;
    }

    int reconnects() {
        return reconnects;
    }

    /** CPU time of the capture thread so far (final once it ended). */
    double cpuSeconds() {
        Thread t = thread;
        return t != null && t.isAlive() ? Math.max(0, mx.getThreadCpuTime(t.getId())) / 1e9 : cpuNanos / 1e9;
    }
}
