package dev.hark.live.teach;

import dev.hark.core.frontend.FrontEndParams;
import dev.hark.live.DetectionListener;
import dev.hark.live.DetectorStatus;
import dev.hark.live.capture.AudioChunk;
import dev.hark.live.capture.AudioSource;
import dev.hark.live.capture.DropOldestQueue;
import dev.hark.live.capture.SourceFormat;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The audio a running {@link dev.hark.live.Detector} processes, as a source a {@link Teacher} can record from: the
 * microphone is not opened a second time, and the examples are the very 16 kHz samples the detector heard. Add it
 * to the detector as a listener; while a take has it open, {@link #onAudio} copies each piece into a bounded queue
 * (never blocking the processing thread: when the take falls behind, the oldest audio is dropped and counted, as
 * a microphone's queue does); closed, it costs nothing. The detector's end (stopped, failed) ends the take.
 *
 * <pre>{@code
 * StreamTap tap = new StreamTap();
 * detector.addListener(tap);
 * detector.start();
 * try (Teacher t = Teacher.builder().source(tap).dataset(Path.of("dataset")).build()) {
 *     t.examples("clap", 3, null);
 * }
 * }</pre>
 */
public final class StreamTap implements AudioSource, DetectionListener {
    /** Audio held for a take that falls behind before the oldest is dropped. */
    public static final double QUEUE_SECONDS = 2.0;

    private final Object lock = new Object();
    private volatile DropOldestQueue queue;
    private volatile boolean ended;
    private float[] rest = new float[0];
    private int restOffset;

    @Override
    public String name() {
        return "the detector's stream";
    }

    /** Starts taking the stream's audio from now on (a take opens it; audio before that is not kept). */
    @Override
    public SourceFormat open() {
        synchronized (lock) {
            if (ended) {
                throw new dev.hark.errors.BadInputException("the detector has stopped: there is no audio to record");
            }
            rest = new float[0];
            restOffset = 0;
            queue = new DropOldestQueue(Math.round(QUEUE_SECONDS * FrontEndParams.SAMPLE_RATE_HZ));
        }
        return new SourceFormat(FrontEndParams.SAMPLE_RATE_HZ, "the detector's 16 kHz stream");
    }

    /** Blocks until the stream brings audio; -1 once closed, or once the detector ended and the audio is read. */
    @Override
    public int read(float[] buf, int off, int len) throws IOException {
        while (true) {
            DropOldestQueue q = queue;
            if (q == null) {
                return -1;
            }
            if (restOffset < rest.length) {
                int n = Math.min(len, rest.length - restOffset);
                System.arraycopy(rest, restOffset, buf, off, n);
                restOffset += n;
                return n;
            }
            AudioChunk c;
            try {
                c = q.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            if (c == null) {
                if (q.isDrained()) {
                    return -1;
                }
                continue;
            }
            rest = c.samples();
            restOffset = 0;
        }
    }

    /** Seconds of the stream dropped because the take fell behind, since it was last opened. */
    public double droppedSeconds() {
        DropOldestQueue q = queue;
        return q == null ? 0 : q.droppedSeconds();
    }

    /** Whether the detector has stopped (nothing more will come). */
    public boolean ended() {
        return ended;
    }

    /** Whether a take is reading the stream now. */
    public boolean isOpen() {
        return queue != null;
    }

    @Override
    public void onAudio(long startSample, float[] samples16k, int off, int len) {
        DropOldestQueue q = queue;
        if (q != null && len > 0) {
            q.offer(new AudioChunk(startSample, Arrays.copyOfRange(samples16k, off, off + len),
                    FrontEndParams.SAMPLE_RATE_HZ));
        }
    }

    @Override
    public void onStatus(DetectorStatus status) {
        if (status.kind() == DetectorStatus.Kind.STOPPED || status.kind() == DetectorStatus.Kind.FAILED) {
            ended = true;
            DropOldestQueue q = queue;
            if (q != null) {
                q.close(); // the take reads what is queued, then the source has ended
            }
        }
    }

    @Override
    public boolean realtime() {
        return true;
    }

    @Override
    public boolean reconnectable() {
        return false;
    }

    /** Stops taking audio; a read waiting returns -1. Idempotent; any thread. */
    @Override
    public void close() {
        synchronized (lock) {
            DropOldestQueue q = queue;
            queue = null;
            if (q != null) {
                q.close();
            }
        }
    }
}
