package dev.hark.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CapturePaceTest {
    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    @Test
    void readsAtOnceUnlessTheRoomIsQuiet() throws InterruptedException {
        CapturePace pace = new CapturePace();
        assertFalse(pace.quiet(), "a run starts reading the quick way");
        long t0 = System.nanoTime();
        pace.awaitRead(t0);
        assertTrue(millisSince(t0) < CapturePace.QUIET_READ_MILLIS / 2, "no wait: " + millisSince(t0) + " ms");
    }

    @Test
    void aQuietRoomLetsAudioGatherSinceTheLastRead() throws InterruptedException {
        CapturePace pace = new CapturePace();
        pace.quiet(true);
        long t0 = System.nanoTime();
        pace.awaitRead(t0);
        long waited = millisSince(t0);
        assertTrue(waited >= CapturePace.QUIET_READ_MILLIS - 1, "waited " + waited + " ms");
        // a read long ago: the time is up already
        long t1 = System.nanoTime();
        pace.awaitRead(t1 - TimeUnit.SECONDS.toNanos(1));
        assertTrue(millisSince(t1) < CapturePace.QUIET_READ_MILLIS / 2, "waited " + millisSince(t1) + " ms");
    }

    @Test
    void theGateOpeningWakesAWaitingCaptureThread() throws InterruptedException {
        CapturePace pace = new CapturePace();
        pace.quiet(true);
        long[] waited = new long[1];
        Thread capture = new Thread(() -> {
            long t0 = System.nanoTime();
            try {
                pace.awaitRead(t0 + TimeUnit.SECONDS.toNanos(30)); // would wait half a minute
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            waited[0] = millisSince(t0);
        });
        capture.start();
        Thread.sleep(50);
        pace.quiet(false);
        capture.join(5000);
        assertFalse(capture.isAlive(), "still waiting after the gate opened");
        assertTrue(waited[0] < 5000, "waited " + waited[0] + " ms");
        assertFalse(pace.quiet());
    }
}
