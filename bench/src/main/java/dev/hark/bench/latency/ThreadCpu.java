package dev.hark.bench.latency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The CPU time of each thread of a process, from {@code /proc/PID/task/TID}: the thread's name ({@code comm}, as the
 * JVM and native libraries set it: {@code hark-capture}, {@code threaded-ml} of the ALSA PulseAudio plugin, {@code C2
 * CompilerThread0}, ...), the nanoseconds it ran and how many times it was put on a CPU ({@code schedstat}), or, where
 * the kernel keeps no schedstat, user + system clock ticks ({@code stat}). {@link #since} gives what each name spent
 * between two snapshots, threads of one kind ({@code GC Thread#0}, {@code GC Thread#1}) summed under one name.
 *
 * @param byThread the threads by id, each with its name, CPU nanoseconds and times run (-1 when not known)
 */
public record ThreadCpu(Map<Long, Sample> byThread) {
    /** One thread's totals. */
    public record Sample(String name, long cpuNanos, long runs) {
    }

    /** What one kind of thread spent between two snapshots. */
    public record Share(String name, long cpuNanos, long runs) {
    }

    public ThreadCpu {
        byThread = Map.copyOf(byThread);
    }

    /** The threads of process {@code pid} now; a thread that ends while being read is left out. */
    public static ThreadCpu of(long pid, double secondsPerTick) throws IOException {
        Map<Long, Sample> m = new TreeMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> s = Files.list(tasks)) {
            for (Path t : s.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    Path sched = t.resolve("schedstat");
                    Sample x = Files.isReadable(sched) ? fromSchedstat(name, Files.readString(sched))
                            : new Sample(name, Math.round(ListenProcess.cpuTicks(stat) * secondsPerTick * 1e9), -1);
                    m.put(Long.parseLong(t.getFileName().toString()), x);
                } catch (NoSuchFileException e) {
                    // the thread ended meanwhile: its time is gone with it
                }
            }
        }
        return new ThreadCpu(m);
    }

    /** A schedstat line: nanoseconds on a CPU, nanoseconds waiting for one, times run. */
    static Sample fromSchedstat(String name, String schedstat) {
        String[] f = schedstat.trim().split("\\s+");
        return new Sample(name, Long.parseLong(f[0]), Long.parseLong(f[2]));
    }

    /** The name threads of one kind share: a trailing number (after '#' or not) taken off. */
    static String kind(String name) {
        return name.replaceFirst("#?\\d+$", "");
    }

    /** What each kind of thread spent since {@code earlier} (new threads count from 0), most first. */
    public List<Share> since(ThreadCpu earlier) {
        Map<String, long[]> sum = new LinkedHashMap<>();
        for (Map.Entry<Long, Sample> e : byThread.entrySet()) {
            Sample now = e.getValue();
            Sample then = earlier.byThread.get(e.getKey());
            long ns = now.cpuNanos() - (then == null ? 0 : then.cpuNanos());
            long runs = now.runs() < 0 ? -1 : now.runs() - (then == null || then.runs() < 0 ? 0 : then.runs());
            long[] s = sum.computeIfAbsent(kind(now.name()), k -> new long[2]);
            s[0] += ns;
            s[1] = s[1] < 0 || runs < 0 ? -1 : s[1] + runs;
        }
        List<Share> out = new ArrayList<>();
        sum.forEach((k, v) -> out.add(new Share(k, v[0], v[1])));
        out.sort(Comparator.comparingLong(Share::cpuNanos).reversed().thenComparing(Share::name));
        return out;
    }

    /**
     * The shares as one line: the {@code top} costliest kinds as percent of one core over {@code seconds} (with
     * their wake-ups per second when known), then the rest together.
     */
    public static String describe(List<Share> shares, double seconds, int top) {
        StringBuilder b = new StringBuilder();
        long rest = 0;
        for (int i = 0; i < shares.size(); i++) {
            Share s = shares.get(i);
            if (i >= top) {
                rest += s.cpuNanos();
                continue;
            }
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(String.format(Locale.ROOT, "%s %.3f %%", s.name(), 100 * s.cpuNanos() / 1e9 / seconds));
            if (s.runs() >= 0) {
                b.append(String.format(Locale.ROOT, " (%.0f/s)", s.runs() / seconds));
            }
        }
        if (shares.size() > top) {
            b.append(String.format(Locale.ROOT, ", the other %d %.3f %%", shares.size() - top,
                    100 * rest / 1e9 / seconds));
        }
        return b.toString();
    }
}
