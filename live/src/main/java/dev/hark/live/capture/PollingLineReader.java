package dev.hark.live.capture;

import java.util.concurrent.TimeUnit;

/**
 * Reads a capture line as soon as audio is in it, not when a whole request is. Java Sound's
 * {@code TargetDataLine.read} waits until every byte asked for has arrived and, between its attempts, sleeps a
 * quarter of the line's buffer (250 ms for Hark's 1 s buffer): audio reached the listener in bursts up to a quarter
 * of a second late. This reader asks the line how much it holds, takes that (whole frames, up to the request), and
 * when it holds nothing sleeps {@link #POLL_MILLIS} and asks again. A line that stays empty for
 * {@link #STALL_MILLIS} is read the blocking way, which is how a lost device shows (a read that returns nothing).
 * One thread at a time.
 */
final class PollingLineReader {
    /**
     * Sleep between two looks at an empty line: two ALSA periods as Java Sound sets them up (20 ms each). Audio waits
     * 20 ms on average before it is read; looking more often costs the listener more CPU in a quiet room than it
     * gains (each look is a call into the sound system).
     */
    static final long POLL_MILLIS = 40;
    /** An empty line this long is read blocking: either audio comes, or the read fails and says so. */
    static final long STALL_MILLIS = 500;

    /** The two calls of a capture line this reader needs ({@code TargetDataLine} has both). */
    interface Line {
        /** Bytes that can be read without blocking; negative when the line was closed. */
        int available();

        /** Reads {@code len} bytes, blocking until they are in; fewer (or 0) when stopped or failed. */
        int read(byte[] b, int off, int len);
    }

    /** Waits; tests count the waits instead. */
    interface Pause {
        Pause SLEEP = millis -> TimeUnit.MILLISECONDS.sleep(millis);

        void pause(long millis) throws InterruptedException;
    }

    private final Line line;
    private final int frameBytes;
    private final Pause pause;

    PollingLineReader(Line line, int frameBytes, Pause pause) {
        if (frameBytes < 1) {
            throw new IllegalArgumentException("frameBytes must be positive: " + frameBytes);
        }
        this.line = line;
        this.frameBytes = frameBytes;
        this.pause = pause;
    }

    /**
     * Reads at least one frame and at most {@code maxBytes} (rounded down to whole frames) into {@code b}, as soon
     * as the line holds any; returns the bytes read, or 0 or less when the line stopped or failed (as its read).
     */
    int read(byte[] b, int maxBytes) {
        int max = Math.max(frameBytes, maxBytes / frameBytes * frameBytes);
        long waited = 0;
        while (true) {
            int available = line.available();
            if (available < 0) {
                return 0; // closed meanwhile
            }
            int whole = available / frameBytes * frameBytes;
            if (whole > 0) {
                return line.read(b, 0, Math.min(whole, max));
            }
            if (waited >= STALL_MILLIS) {
                // nothing for a while: a blocking read of one poll's worth returns when audio comes, or says it failed
                return line.read(b, 0, Math.min(max, frameBytes));
            }
            try {
                pause.pause(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            waited += POLL_MILLIS;
        }
    }
}
