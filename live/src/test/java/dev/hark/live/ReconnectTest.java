package dev.hark.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.config.listen.GateMode;
import dev.hark.config.listen.GateSettings;
import dev.hark.errors.BadInputException;
import dev.hark.live.capture.AudioSource;
import dev.hark.live.capture.SourceFormat;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Devices that are lost mid-run and refuse to open a few times before they come back, maybe at another rate. */
class ReconnectTest {
    static Embedder yamnet;

    @BeforeAll
    static void open() {
        yamnet = Embedders.open("yamnet", 1);
    }

    @AfterAll
    static void close() {
        yamnet.close();
    }

    /**
     * Delivers segment i ({@code seconds[i]} of a tone at {@code ratesHz[i]}), is lost, refuses {@code refusals}
     * opens, comes back with segment i + 1; ends after the last.
     */
    static final class FlakyDevice implements AudioSource {
        final int[] ratesHz;
        final double[] seconds;
        final int refusals;
        final CountDownLatch delivered = new CountDownLatch(1);
        int opens;
        int refused;
        int segment = -1;
        long position;

        FlakyDevice(int refusals, int[] ratesHz, double... seconds) {
            this.refusals = refusals;
            this.ratesHz = ratesHz;
            this.seconds = seconds;
        }

        @Override
        public String name() {
            return "flaky device";
        }

        @Override
        public SourceFormat open() {
            opens++;
            if (segment >= 0 && refused < refusals) {
                refused++;
                throw new BadInputException("flaky device is busy");
            }
            refused = 0;
            segment++;
            position = 0;
            return new SourceFormat(ratesHz[segment], "flaky device, open #" + opens + " at " + ratesHz[segment]);
        }

        @Override
        public int read(float[] buf, int off, int len) throws IOException {
            int rate = ratesHz[segment];
            long end = Math.round(seconds[segment] * rate);
            if (position >= end) {
                if (segment == seconds.length - 1) {
                    delivered.countDown();
                    return -1;
                }
                throw new IOException("flaky device stopped delivering audio");
            }
            int n = (int) Math.min(len, end - position);
            for (int i = 0; i < n; i++) {
                buf[off + i] = (float) (0.1 * Math.sin(2 * Math.PI * 440 * (position + i) / rate));
            }
            position += n;
            return n;
        }

        @Override
        public boolean realtime() {
            return true;
        }

        @Override
        public boolean reconnectable() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** Records the back-off instead of sleeping. */
    static final class RecordingSleeper implements Sleeper {
        final List<Long> millis = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void sleep(long ms) {
            millis.add(ms);
        }
    }

    private static Detector.Builder detector(AudioSource dev, RecordingSleeper sleeper) {
        return Detector.builder().source(dev).embedder(yamnet).gate(GateSettings.defaults().withMode(GateMode.OFF))
                .queueSeconds(10).testHooks(sleeper, Duration.ofSeconds(30), System::nanoTime, null);
    }

    @Test
    void reconnectsWithBackOffAndLogsEachStateChange() throws Exception {
        DetectorThreadingTest.ThreadRecorder c = new DetectorThreadingTest.ThreadRecorder();
        FlakyDevice dev = new FlakyDevice(2, new int[] {16_000, 16_000}, 2, 2);
        RecordingSleeper sleeper = new RecordingSleeper();
        DetectorStats s;
        try (Detector d = detector(dev, sleeper).build()) {
            d.addListener(c);
            d.start();
            assertTrue(d.await(60, TimeUnit.SECONDS));
            s = d.stats();
        }
        List<DetectorStatus.Kind> kinds = c.statuses.stream().map(DetectorStatus::kind).toList();
        assertEquals(List.of(DetectorStatus.Kind.STARTED, DetectorStatus.Kind.DEVICE_LOST,
                DetectorStatus.Kind.RECONNECTING, DetectorStatus.Kind.RECONNECTING, DetectorStatus.Kind.RECONNECTED,
                DetectorStatus.Kind.STOPPED), kinds, c.statuses.toString());
        assertTrue(c.statuses.get(2).message().contains("next try in 1.0 s"), c.statuses.get(2).message());
        assertTrue(c.statuses.get(3).message().contains("next try in 2.0 s"), c.statuses.get(3).message());
        assertEquals(List.of(500L, 1000L, 2000L), sleeper.millis);
        assertEquals(1, c.threads.size(), "statuses posted by the capture thread reach listeners on the processing "
                + "thread: " + c.threads);
        assertEquals(4, dev.opens);
        assertEquals(1, s.reconnects());
        assertEquals(4.0, s.audioSeconds(), 1e-9);
    }

    @Test
    void backOffDoublesUpToTenSeconds() throws Exception {
        FlakyDevice dev = new FlakyDevice(6, new int[] {16_000, 16_000}, 1, 1);
        RecordingSleeper sleeper = new RecordingSleeper();
        try (Detector d = detector(dev, sleeper).build()) {
            d.start();
            assertTrue(d.await(60, TimeUnit.SECONDS));
        }
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 10_000L, 10_000L), sleeper.millis);
    }

    @Test
    void aDeviceBackAtAnotherRateIsCountedAtThatRate() throws Exception {
        // the duration limit holds across reconnects at different rates: 1 s at 16 kHz, 1 s at 48 kHz, 0.5 s more
        FlakyDevice dev = new FlakyDevice(0, new int[] {16_000, 48_000, 16_000}, 1, 1, 5);
        DetectorStats s;
        SourceFormat last;
        try (Detector d = detector(dev, new RecordingSleeper()).durationSeconds(2.5).build()) {
            d.start();
            assertTrue(d.await(60, TimeUnit.SECONDS));
            s = d.stats();
            last = d.sourceFormat();
        }
        assertEquals(2.5, s.audioSeconds(), 1e-3, s.toString());
        assertEquals(2, s.reconnects());
        assertEquals("flaky device, open #3 at 16000", last.description());

        // audio dropped after the device came back at 48 kHz is counted in seconds of 48 kHz audio
        FlakyDevice dev48 = new FlakyDevice(0, new int[] {16_000, 48_000}, 1, 4);
        try (Detector d = detector(dev48, new RecordingSleeper()).queueSeconds(1).build()) {
            d.onStatus(st -> {
                if (st.kind() == DetectorStatus.Kind.STARTED) {
                    DetectorTest.awaitQuietly(dev48.delivered); // processing waits until all was captured
                }
            });
            d.start();
            assertTrue(d.await(60, TimeUnit.SECONDS));
            s = d.stats();
        }
        // the 1 s queue (16 000 samples) keeps the last six 50 ms chunks at 48 kHz (14 400 samples): 0.3 s
        assertEquals(4.7, s.droppedSeconds(), 1e-9, s.toString());
        assertEquals(0.3, s.audioSeconds(), 1e-3, s.toString());
    }

    @Test
    void withoutReconnectALostDeviceStopsTheDetectorWithItsMessage() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper();
        try (Detector d = detector(new FlakyDevice(0, new int[] {16_000, 16_000}, 2, 2), sleeper).reconnect(false)
                .build()) {
            d.start();
            BadInputException e = assertThrows(BadInputException.class, () -> d.await(60, TimeUnit.SECONDS));
            assertEquals("flaky device stopped delivering audio", e.getMessage());
        }
        assertEquals(List.of(), sleeper.millis);
    }
}
