package dev.hark.core.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose standard output is read by the caller and whose standard error is drained on a thread of
 * its own (the last {@value #STDERR_KEEP} bytes kept, for error messages). A watchdog kills it when a read of its
 * output waits longer than the timeout (time the caller spends between reads does not count). {@link #close()} kills it if it still runs; idempotent.
 */
final class ExternalProcess implements AutoCloseable {
    static final int STDERR_KEEP = 4096;
    private final Process process;
    private final Thread stderrReader;
    private final Thread watchdog;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    /** When the read in progress started, 0 when no read is waiting. */
    private volatile long readStartedNanos;
    private volatile boolean timedOut;
    private boolean closed;

    ExternalProcess(List<String> command, long stallTimeoutMillis) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        process = pb.start();
        stderrReader = new Thread(this::drainStderr, "hark-ffmpeg-stderr");
        stderrReader.setDaemon(true);
        stderrReader.start();
        watchdog = new Thread(() -> watch(stallTimeoutMillis), "hark-ffmpeg-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** The child's standard output; the watchdog times each read. */
    InputStream stdout() {
        InputStream in = process.getInputStream();
        return new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                readStartedNanos = System.nanoTime();
                try {
                    return super.read(b, off, len);
                } finally {
                    readStartedNanos = 0;
                }
            }
        };
    }

    private void drainStderr() {
        byte[] buf = new byte[1024];
        try (InputStream err = process.getErrorStream()) {
            int n;
            while ((n = err.read(buf)) >= 0) {
                synchronized (stderr) {
                    stderr.write(buf, 0, n);
                    if (stderr.size() > 2 * STDERR_KEEP) {
                        byte[] all = stderr.toByteArray();
                        stderr.reset();
                        stderr.write(all, all.length - STDERR_KEEP, STDERR_KEEP);
                    }
                }
            }
        } catch (IOException e) {
            // the process was killed: nothing more to keep
        }
    }

    private void watch(long timeoutMillis) {
        try {
            while (process.isAlive()) {
                long started = readStartedNanos;
                if (started != 0 && System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(timeoutMillis)) {
                    timedOut = true;
                    process.destroyForcibly();
                    return;
                }
                process.waitFor(Math.min(timeoutMillis, 200), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the exit (after the output ended); its status, or -1 if it had to be killed. */
    int waitFor(long millis) throws IOException {
        try {
            if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            stderrReader.join(1000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while waiting for " + process.info().command().orElse("a process"));
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    boolean timedOut() {
        return timedOut;
    }

    /** The last line the child wrote on its standard error, or "" . */
    String lastErrorLine() {
        String s;
        synchronized (stderr) {
            s = stderr.toString(StandardCharsets.UTF_8);
        }
        String[] lines = s.strip().split("\\R");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        process.destroyForcibly();
        watchdog.interrupt();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            stderrReader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
