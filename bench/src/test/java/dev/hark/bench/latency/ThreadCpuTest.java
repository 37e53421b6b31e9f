package dev.hark.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    @Test
    void schedstatGivesNanosecondsAndRuns() {
        ThreadCpu.Sample s = ThreadCpu.fromSchedstat("threaded-ml", "123456789 5000 42\n");
        assertEquals(123_456_789L, s.cpuNanos());
        assertEquals(42, s.runs());
    }

    @Test
    void threadsOfOneKindAreSummedAndNewThreadsCountFromZero() {
        ThreadCpu before = new ThreadCpu(Map.of(
                1L, new ThreadCpu.Sample("GC Thread#0", 1_000_000, 10),
                2L, new ThreadCpu.Sample("hark-capture", 5_000_000, 100)));
        ThreadCpu after = new ThreadCpu(Map.of(
                1L, new ThreadCpu.Sample("GC Thread#0", 3_000_000, 12),
                2L, new ThreadCpu.Sample("hark-capture", 6_000_000, 150),
                3L, new ThreadCpu.Sample("GC Thread#1", 4_000_000, 5)));
        List<ThreadCpu.Share> d = after.since(before);
        assertEquals(List.of(new ThreadCpu.Share("GC Thread", 6_000_000, 7),
                new ThreadCpu.Share("hark-capture", 1_000_000, 50)), d);
        assertEquals("GC Thread 0.060 % (1/s), the other 1 0.010 %", ThreadCpu.describe(d, 10, 1));
        assertEquals("C2 CompilerThread", ThreadCpu.kind("C2 CompilerThread0"));
    }

    @Test
    void thisProcessHasThreadsThatRan() throws Exception {
        ThreadCpu t = ThreadCpu.of(ProcessHandle.current().pid(), 0.01);
        assertTrue(t.byThread().size() > 1, t.toString());
        assertTrue(t.byThread().values().stream().anyMatch(s -> s.cpuNanos() > 0), t.toString());
    }
}
