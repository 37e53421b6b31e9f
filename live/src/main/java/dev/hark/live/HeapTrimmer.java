package dev.hark.live;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Keeps a long-running listener's Java heap near what it needs. The JVM's default initial heap is 1/64 of the
 * machine's memory (384 MB on 24 GB) and the young generation's allocations touch all of it, so a listener whose
 * live data is a few tens of MB would otherwise sit at 400+ MB resident. When the committed heap exceeds
 * {@link #BUDGET_BYTES}, a full collection lets the collector return the unused part to the operating system
 * (what G1's periodic collection does when enabled with JVM flags, which a library cannot set). Rate-limited by
 * audio time and wall time, so a quiet room and a fast replay pay at most a few milliseconds a minute.
 */
final class HeapTrimmer {
    static final long BUDGET_BYTES = 160L << 20;
    private static final double MIN_AUDIO_SECONDS_BETWEEN = 60.0;
    private static final long MIN_NANOS_BETWEEN = 1_000_000_000L;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private double lastAudioSeconds;
    private long lastNanos = System.nanoTime();
    private long trims;

    /** Called by the processing thread with the audio processed so far; trims when due and over budget. */
    void maybeTrim(double audioSeconds) {
        if (audioSeconds - lastAudioSeconds < MIN_AUDIO_SECONDS_BETWEEN) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastNanos < MIN_NANOS_BETWEEN) {
            return;
        }
        lastAudioSeconds = audioSeconds;
        lastNanos = now;
        if (memory.getHeapMemoryUsage().getCommitted() > BUDGET_BYTES) {
            System.gc();
            trims++;
        }
    }

    long trims() {
        return trims;
    }
}
