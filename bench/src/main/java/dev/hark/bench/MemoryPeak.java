package dev.hark.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The peak memory of one piece of work, measured around it: the Java heap (the sum of the heap pools' peaks since
 * {@link #reset()}, an upper bound of the true peak, garbage included) and, on Linux, the process's peak resident set
 * (VmHWM, reset through {@code /proc/self/clear_refs}), which also counts native memory such as ONNX Runtime's. Both
 * are cheap enough to take per file.
 */
final class MemoryPeak {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private MemoryPeak() {
    }

    /** Starts a new measurement: the heap pools' peaks and the resident peak become the current usage. */
    static void reset() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
        try {
            Files.writeString(CLEAR_REFS, "5");   // "5": reset the peak resident set size to the current one
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux, or not allowed: rssBytes() then reports the peak since the process started
        }
    }

    /** The sum of the heap pools' peak usage since {@link #reset()}, in bytes. */
    static long heapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The process's peak resident set since {@link #reset()} (VmHWM) in bytes, or -1 where /proc does not say. */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmHWM:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
