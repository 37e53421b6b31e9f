package dev.hark.live.capture;

import dev.hark.core.audio.AudioFiles;
import dev.hark.core.audio.Mono16kStream;
import dev.hark.core.frontend.FrontEndParams;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A sound file fed through the live pipeline (decoded and resampled to 16 kHz mono like every file in Hark):
 * at real-time pace when {@code realtime}, else as fast as it is processed.
 */
public final class FileSource implements AudioSource {
    private final Path path;
    private final boolean realtime;
    private Mono16kStream stream;
    private long startNanos;
    private long delivered;

    public FileSource(Path path, boolean realtime) {
        this.path = path;
        this.realtime = realtime;
    }

    @Override
    public String name() {
        return path.toString();
    }

    @Override
    public SourceFormat open() {
        close();
        stream = AudioFiles.open16k(path);
        startNanos = System.nanoTime();
        delivered = 0;
        return new SourceFormat(FrontEndParams.SAMPLE_RATE_HZ, "file " + path + (realtime ? " at real-time pace" : ""));
    }

    @Override
    public int read(float[] buf, int off, int len) {
        if (stream == null) {
            return -1;
        }
        if (realtime) {
            long dueNanos = startNanos + delivered * 1_000_000_000L / FrontEndParams.SAMPLE_RATE_HZ;
            long wait = dueNanos - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
        }
        int n = stream.read(buf, off, len);
        if (n > 0) {
            delivered += n;
        }
        return n <= 0 ? -1 : n;
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
        Mono16kStream s = stream;
        stream = null;
        if (s != null) {
            s.close();
        }
    }
}
