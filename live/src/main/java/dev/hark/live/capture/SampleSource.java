package dev.hark.live.capture;

import dev.hark.core.frontend.FrontEndParams;

/**
 * 16 kHz mono samples from memory, played {@code repeats} times (benchmarks replay an hour this way), at
 * real-time pace or as fast as processed. The array is not modified.
 */
public final class SampleSource implements AudioSource {
    private final float[] samples;
    private final long totalSamples;
    private final boolean realtime;
    private long position;
    private long startNanos;
    private boolean open;

    public SampleSource(float[] samples, int repeats, boolean realtime) {
        if (samples.length == 0 || repeats < 1) {
            throw new IllegalArgumentException("a sample source needs samples and at least one repeat");
        }
        this.samples = samples;
        this.totalSamples = (long) samples.length * repeats;
        this.realtime = realtime;
    }

    @Override
    public String name() {
        return "samples in memory";
    }

    @Override
    public SourceFormat open() {
        position = 0;
        startNanos = System.nanoTime();
        open = true;
        return new SourceFormat(FrontEndParams.SAMPLE_RATE_HZ, String.format(java.util.Locale.ROOT,
                "%.1f s of samples in memory", totalSamples / (double) FrontEndParams.SAMPLE_RATE_HZ));
    }

    @Override
    public int read(float[] buf, int off, int len) {
        if (!open || position >= totalSamples) {
            return -1;
        }
        if (realtime) {
            long wait = startNanos + position * 1_000_000_000L / FrontEndParams.SAMPLE_RATE_HZ - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
        }
        int n = (int) Math.min(len, totalSamples - position);
        for (int i = 0; i < n; ) {
            int p = (int) ((position + i) % samples.length);
            int m = Math.min(n - i, samples.length - p);
            System.arraycopy(samples, p, buf, off + i, m);
            i += m;
        }
        position += n;
        return n;
    }

    /** {@link System#nanoTime()} at {@link #open()}: sample {@code p} is due at {@code startNanos + p / 16 kHz}. */
    public long startNanos() {
        return startNanos;
    }

    @Override
    public boolean realtime() {
        return realtime;
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
