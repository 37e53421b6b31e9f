package dev.hark.bench.latency;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code hark listen} running as a child process, watched as a user's program would: each line of its standard output
 * is stamped with the wall clock ({@link System#nanoTime()}) when it is read, its standard error is kept, and its
 * CPU time is read from {@code /proc/PID/stat} (user + system time of all its threads, in clock ticks).
 */
public final class ListenProcess implements AutoCloseable {
    /** One line of output and when it was read. */
    public record Line(long nanos, String text) {
    }

    private final Process process;
    private final List<Line> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private ListenProcess(Process process) {
        this.process = process;
        this.outReader = reader(process.getInputStream(), true, "listen-stdout");
        this.errReader = reader(process.getErrorStream(), false, "listen-stderr");
    }

    /** Starts {@code command} (the listen command line) with {@code env} added to this process's environment. */
    public static ListenProcess start(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        return new ListenProcess(pb.start());
    }

    private Thread reader(InputStream in, boolean stamped, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String s;
                while ((s = r.readLine()) != null) {
                    long now = System.nanoTime();
                    synchronized (this) {
                        if (stamped) {
                            stdout.add(new Line(now, s));
                        } else {
                            stderr.add(s);
                        }
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended and its pipe closed: nothing more to read
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The standard-output lines read so far. */
    public synchronized List<Line> stdout() {
        return List.copyOf(stdout);
    }

    /** The standard-error lines read so far. */
    public synchronized List<String> stderr() {
        return List.copyOf(stderr);
    }

    /**
     * Waits until a standard-error line contains {@code text} and returns it, or null when the process ended or
     * {@code timeoutMillis} passed first.
     */
    public synchronized String awaitStderr(String text, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            for (String s : stderr) {
                if (s.contains(text)) {
                    return s;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || (!process.isAlive() && !errReader.isAlive())) {
                return null;
            }
            wait(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(left))));
        }
    }

    /** User + system CPU time of the process so far, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    public long cpuTicks() throws IOException {
        return cpuTicks(Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat")));
    }

    /** utime + stime of a /proc/PID/stat line (the command name in parentheses may hold spaces). */
    static long cpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // after the name: state is field 3, so utime (14) and stime (15) are at 11 and 12 here
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Stops it as Ctrl-C would (SIGTERM: hark listen closes its events and prints its summary) and waits. */
    public int stop(long timeoutMillis) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        outReader.join(2000);
        errReader.join(2000);
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(10_000);
        }
    }
}
