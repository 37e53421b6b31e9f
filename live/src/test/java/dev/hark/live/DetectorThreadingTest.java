package dev.hark.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.config.listen.GateMode;
import dev.hark.config.listen.GateSettings;
import dev.hark.core.frontend.FrontEndVariant;
import dev.hark.live.capture.AudioSource;
import dev.hark.live.capture.SampleSource;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import dev.hark.models.embed.EmbeddingBatch;
import dev.hark.testkit.Signals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The threading contract: listeners on the processing thread only, in stream order; stop() and close(). */
class DetectorThreadingTest {
    static Embedder yamnet;

    @BeforeAll
    static void open() {
        yamnet = Embedders.open("yamnet", 1);
    }

    @AfterAll
    static void close() {
        yamnet.close();
    }

    /** Records on which thread each callback came. */
    static final class ThreadRecorder extends DetectorTest.Collector {
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final List<String> order = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onEvent(dev.hark.core.events.DetectionEvent e) {
            threads.add(Thread.currentThread());
            order.add("event");
            super.onEvent(e);
        }

        @Override
        public void onWindow(WindowScores w) {
            threads.add(Thread.currentThread());
            order.add("window");
            super.onWindow(w);
        }

        @Override
        public void onStatus(DetectorStatus s) {
            threads.add(Thread.currentThread());
            order.add("status " + s.kind());
            super.onStatus(s);
        }

        @Override
        public void onAudio(long startSample, float[] samples16k, int off, int len) {
            threads.add(Thread.currentThread());
        }
    }

    private static float[] scene() {
        return Signals.concat(Signals.noise(2, -70, 1), Signals.sine(1000, 2, -20), Signals.noise(2, -70, 2));
    }

    @Test
    void listenersAreCalledOnTheProcessingThreadOnlyInStreamOrder() throws Exception {
        for (AudioSource src : new AudioSource[] {new SampleSource(scene(), 1, false),
            new FastLiveSource(scene(), false)}) {
            ThreadRecorder r = new ThreadRecorder();
            try (Detector d = Detector.builder().source(src).embedder(yamnet).queueSeconds(10).build()) {
                d.addListener(r);
                d.start();
                assertTrue(d.await(60, TimeUnit.SECONDS));
            }
            assertEquals(1, r.threads.size(), r.threads.toString());
            Thread t = r.threads.iterator().next();
            assertEquals("hark-processing", t.getName(), "STARTED too comes on the processing thread");
            assertFalse(r.threads.contains(Thread.currentThread()));
            assertEquals("status STARTED", r.order.get(0));
            assertEquals("status STOPPED", r.order.get(r.order.size() - 1));
            for (int i = 1; i < r.windows.size(); i++) {
                assertTrue(r.windows.get(i).startSeconds() > r.windows.get(i - 1).startSeconds(), "stream order");
            }
            // the grid's windows all come, one per hop; the gate's opening adds one off the grid
            List<WindowScores> grid = r.windows.stream().filter(w -> Math.round(w.startSeconds() * 100) % 48 == 0)
                    .toList();
            for (int i = 0; i < grid.size(); i++) {
                assertEquals(i, grid.get(i).index(), "grid windows in stream order");
            }
            assertEquals(1, r.windows.size() - grid.size(), "one onset window");
            for (int i = 1; i < r.events.size(); i++) {
                assertTrue(r.events.get(i).timeSeconds() >= r.events.get(i - 1).timeSeconds(), r.events.toString());
            }
            assertFalse(r.onsets("alarm").isEmpty(), "the beeps are the alarm concept: " + r.events);
        }
    }

    @Test
    void stopFromAListenerReturnsAtOnceAndTheDetectorStops() throws Exception {
        for (boolean live : new boolean[] {false, true}) {
            float[] tone = Signals.sine(440, 30, -20);
            AudioSource src = live ? new FastLiveSource(tone, true) : new SampleSource(tone, 1, false);
            AtomicLong stopNanos = new AtomicLong(-1);
            DetectorTest.Collector c = new DetectorTest.Collector();
            try (Detector d = Detector.builder().source(src).embedder(yamnet)
                    .gate(GateSettings.defaults().withMode(GateMode.OFF)).build()) {
                d.addListener(c).onWindow(w -> {
                    if (stopNanos.get() < 0) {
                        long t0 = System.nanoTime();
                        d.stop();
                        stopNanos.set(System.nanoTime() - t0);
                    }
                });
                d.start();
                assertTrue(d.await(20, TimeUnit.SECONDS), "stopped well before stop()'s 30 s wait");
                if (!live) { // a live source's queued audio is still processed after stop()
                    assertTrue(d.stats().audioSeconds() < 30, d.stats().toString());
                }
            }
            assertTrue(stopNanos.get() >= 0 && stopNanos.get() < TimeUnit.SECONDS.toNanos(1),
                    "stop() in a listener took " + stopNanos.get() / 1e9 + " s");
            assertEquals(DetectorStatus.Kind.STOPPED, c.statuses.get(c.statuses.size() - 1).kind());
        }
    }

    /** Yamnet, with a close() that is recorded (and leaves the shared model open). */
    static final class RecordingEmbedder implements Embedder {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public String name() {
            return yamnet.name();
        }

        @Override
        public FrontEndVariant frontEnd() {
            return yamnet.frontEnd();
        }

        @Override
        public int embeddingSize() {
            return yamnet.embeddingSize();
        }

        @Override
        public List<String> labels() {
            return yamnet.labels();
        }

        @Override
        public EmbeddingBatch embed(float[][][] patches) {
            if (closed.get()) {
                throw new IllegalStateException("embed after close");
            }
            return yamnet.embed(patches);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void afterAStopTimeoutTheModelsAreClosedWhenTheProcessingThreadEnds() throws Exception {
        RecordingEmbedder model = new RecordingEmbedder();
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Detector d = Detector.builder().source(new SampleSource(Signals.sine(440, 5, -20), 1, false))
                .gate(GateSettings.defaults().withMode(GateMode.OFF))
                .testHooks(Sleeper.THREAD, Duration.ofMillis(200), System::nanoTime, model).build();
        d.onWindow(w -> {
            inListener.countDown();
            DetectorTest.awaitQuietly(release); // a listener stuck for longer than stop() waits
        });
        d.start();
        assertTrue(inListener.await(30, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        d.close();
        double closeSeconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(closeSeconds >= 0.2 && closeSeconds < 5, "close() waited the stop timeout: " + closeSeconds);
        assertFalse(d.isFinished());
        assertFalse(model.closed.get(), "never closed under a running thread");
        release.countDown();
        assertTrue(d.await(30, TimeUnit.SECONDS));
        assertTrue(model.closed.get(), "closed by the processing thread when it ended");
    }

    @Test
    void periodicStatusFollowsTheInjectedClock() throws Exception {
        // a clock that moves one second per reading: status intervals pass without any real waiting
        AtomicLong fakeNanos = new AtomicLong();
        DetectorTest.Collector c = new DetectorTest.Collector();
        try (Detector d = Detector.builder().source(new SampleSource(Signals.sine(440, 10, -20), 1, false))
                .embedder(yamnet).gate(GateSettings.defaults().withMode(GateMode.OFF)).statusIntervalSeconds(20)
                .testHooks(Sleeper.THREAD, Duration.ofSeconds(30), () -> fakeNanos.addAndGet(1_000_000_000L), null)
                .build()) {
            d.addListener(c);
            d.start();
            assertTrue(d.await(60, TimeUnit.SECONDS));
        }
        List<DetectorStatus> periodic = c.statuses.stream().filter(s -> s.kind() == DetectorStatus.Kind.PERIODIC)
                .toList();
        assertFalse(periodic.isEmpty(), c.statuses.toString());
        DetectorStatus first = periodic.get(0);
        assertTrue(first.message().matches("\\d+\\.\\d s of audio, \\d+ windows run, 0 skipped \\(gate\\), "
                + "\\d+ events, 0\\.00 s dropped, gate open 100%"), first.message());
        assertTrue(first.stats().wallSeconds() >= 20, "wall time comes from the clock: " + first.stats());
        DetectorStats last = c.statuses.get(c.statuses.size() - 1).stats();
        assertTrue(last.wallSeconds() > first.stats().wallSeconds());
        assertEquals(10.0, last.audioSeconds(), 1e-9);
    }
}
