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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A device that is lost mid-run and refuses to open twice before it comes back. */
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

    /** Delivers 2 s, is lost, refuses {@code refusals} opens, then delivers 2 s more and ends. */
    static final class FlakyDevice implements AudioSource {
        final int refusals;
        int opens;
        int delivered;
        boolean lost;

        FlakyDevice(int refusals) {
            this.refusals = refusals;
        }

        @Override
        public String name() {
            return "flaky device";
        }

        @Override
        public SourceFormat open() {
            opens++;
            if (opens > 1 && opens <= 1 + refusals) {
                throw new BadInputException("flaky device is busy");
            }
            return new SourceFormat(16_000, "flaky device, open #" + opens);
        }

        @Override
        public int read(float[] buf, int off, int len) throws IOException {
            if (delivered >= 2 * 16_000 && !lost) {
                lost = true;
                throw new IOException("flaky device stopped delivering audio");
            }
            if (delivered >= 4 * 16_000) {
                return -1;
            }
            int n = Math.min(len, 4 * 16_000 - delivered);
            for (int i = 0; i < n; i++) {
                buf[off + i] = (float) (0.1 * Math.sin(2 * Math.PI * 440 * (delivered + i) / 16_000.0));
            }
            delivered += n;
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

    private static GateSettings off() {
        GateSettings d = GateSettings.defaults();
        return new GateSettings(GateMode.OFF, d.vadMode(), d.energyThresholdDbfs(), d.noiseFloorMarginDb(),
                d.hangoverMs());
    }

    @Test
    void reconnectsWithBackOffAndLogsEachStateChange() throws Exception {
        DetectorTest.Collector c = new DetectorTest.Collector();
        FlakyDevice dev = new FlakyDevice(2);
        DetectorStats s;
        try (Detector d = Detector.builder().source(dev).embedder(yamnet).gate(off()).queueSeconds(10).build()) {
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
        assertEquals(4, dev.opens);
        assertEquals(1, s.reconnects());
        assertEquals(4.0, s.audioSeconds(), 1e-9);
    }

    @Test
    void withoutReconnectALostDeviceStopsTheDetectorWithItsMessage() throws Exception {
        try (Detector d = Detector.builder().source(new FlakyDevice(0)).embedder(yamnet).gate(off()).reconnect(false)
                .build()) {
            d.start();
            BadInputException e = assertThrows(BadInputException.class, () -> d.await(60, TimeUnit.SECONDS));
            assertEquals("flaky device stopped delivering audio", e.getMessage());
        }
    }
}
