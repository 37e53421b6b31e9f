package dev.hark.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.config.listen.EventSettings;
import dev.hark.config.listen.GateMode;
import dev.hark.config.listen.GateSettings;
import dev.hark.core.audio.AudioFiles;
import dev.hark.core.events.DetectionEvent;
import dev.hark.errors.BadInputException;
import dev.hark.live.capture.AudioSource;
import dev.hark.live.capture.FileSource;
import dev.hark.live.capture.SampleSource;
import dev.hark.live.capture.SourceFormat;
import dev.hark.live.gate.WebRtcVad;
import dev.hark.live.record.EventRecorder;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import dev.hark.models.head.AudioSetHead;
import dev.hark.models.pipeline.WindowAnalyzer;
import dev.hark.models.pipeline.WindowResult;
import dev.hark.testkit.Signals;
import dev.hark.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorTest {
    static Embedder yamnet;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() {
        yamnet = Embedders.open("yamnet", 1);
    }

    @AfterAll
    static void close() {
        yamnet.close();
    }

    /** Collects everything a detector reports (read after the run, never asserted inside). */
    static class Collector implements DetectionListener {
        final List<DetectionEvent> events = Collections.synchronizedList(new ArrayList<>());
        final List<WindowScores> windows = Collections.synchronizedList(new ArrayList<>());
        final List<DetectorStatus> statuses = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onEvent(DetectionEvent e) {
            events.add(e);
        }

        @Override
        public void onWindow(WindowScores w) {
            windows.add(w);
        }

        @Override
        public void onStatus(DetectorStatus s) {
            statuses.add(s);
        }

        List<DetectionEvent> onsets(String label) {
            return events.stream().filter(e -> e.type() == DetectionEvent.Type.ONSET && e.label().equals(label))
                    .toList();
        }
    }

    private static GateSettings gate(GateMode mode) {
        return GateSettings.defaults().withMode(mode);
    }

    private Collector run(AudioSource source, GateMode mode, EventSettings events, int batch) throws Exception {
        Collector c = new Collector();
        try (Detector d = Detector.builder().source(source).embedder(yamnet).gate(gate(mode)).events(events)
                .batchSize(batch).build()) {
            d.addListener(c);
            d.start();
            assertTrue(d.await(120, TimeUnit.SECONDS));
        }
        return c;
    }

    @Test
    void fileWindowsEqualTheSharedAnalyzerBitForBit() throws Exception {
        Path clip = TestData.dogClip();
        List<WindowResult> expected = WindowAnalyzer.builder(yamnet).classifier(AudioSetHead.of(yamnet)).build()
                .analyze(AudioFiles.readMono16k(clip));
        for (int batch : new int[] {1, 32}) {
            for (GateMode mode : new GateMode[] {GateMode.OFF, GateMode.BOTH}) {
                Collector c = run(new FileSource(clip, false), mode, EventSettings.defaults(), batch);
                List<WindowScores> ran = c.windows.stream().filter(WindowScores::ran).toList();
                if (mode == GateMode.OFF) {
                    assertEquals(expected.size(), c.windows.size());
                }
                assertFalse(ran.isEmpty());
                for (WindowScores w : ran) {
                    if (Math.round(w.startSeconds() * 100) % 48 != 0) {
                        assertEquals(GateMode.BOTH, mode, "a window off the grid only where the gate opens");
                        continue; // an onset window: OnsetWindowsTest compares it with the same window on a finer grid
                    }
                    WindowResult e = expected.get((int) w.index());
                    assertEquals(e.startSeconds(), w.startSeconds());
                    assertEquals(e.endSeconds(), w.endSeconds());
                    assertArrayEquals(e.scores(), w.scores(), "window " + w.index() + " batch " + batch + " " + mode);
                }
                assertFalse(c.onsets("dog").isEmpty(), "a dog in a dog clip: " + c.events);
            }
        }
    }

    @Test
    void quietRoomRunsNoModelAndASoundOpensTheGate() throws Exception {
        // 6 s quiet room (-70 dBFS), a 2 s sine at -20 dBFS from 6.0 s, 6 s quiet
        float[] scene = Signals.concat(Signals.noise(6, -70, 1), Signals.sine(1000, 2, -20), Signals.noise(6, -70, 2));
        Collector c = run(new SampleSource(scene, 1, false), GateMode.BOTH, EventSettings.defaults(), 1);
        for (WindowScores w : c.windows) {
            boolean overlapsTone = w.endSeconds() > 6.0 && w.startSeconds() < 8.0 + 0.3;
            assertEquals(overlapsTone, w.ran(), "window " + w.startSeconds() + "-" + w.endSeconds());
        }
        // YAMNet calls a 1 kHz tone "Beep, bleep", one of the classes of the concept alarm
        assertEquals(1, c.onsets("alarm").size(), c.events.toString());
        DetectionEvent on = c.onsets("alarm").get(0);
        assertEquals(List.of("Beep, bleep"), on.sources());
        assertTrue(on.startSeconds() >= 5.0 && on.startSeconds() <= 6.5, on.toString());
        DetectorStats s = c.statuses.get(c.statuses.size() - 1).stats();
        assertEquals(DetectorStatus.Kind.STOPPED, c.statuses.get(c.statuses.size() - 1).kind());
        assertEquals(14.0, s.audioSeconds(), 1e-9);
        assertEquals(c.windows.stream().filter(WindowScores::ran).count(), s.windowsRun());
        assertTrue(s.windowsSkipped() >= 15, s.toString());
        assertTrue(s.gateOpenFraction() > 0.1 && s.gateOpenFraction() < 0.3, s.toString());
    }

    @Test
    void labelsAndThresholdsAreResolvedAgainstTheModel() throws Exception {
        // typed as a comma-separated list, the name with commas is split and joined again; case is ignored
        EventSettings only = EventSettings.builder().rawLabels(true).labels("beep", "BLEEP").build();
        float[] tone = Signals.sine(1000, 3, -20);
        Collector c = run(new SampleSource(tone, 1, false), GateMode.OFF, only, 1);
        assertEquals(List.of("Beep, bleep"), c.events.stream().map(DetectionEvent::label).distinct().toList());

        EventSettings bad = EventSettings.builder().rawLabels(true).labels("Dgo").build();
        String m = assertThrows(BadInputException.class,
                () -> run(new SampleSource(tone, 1, false), GateMode.OFF, bad, 1)).getMessage();
        assertTrue(m.startsWith("unknown label 'Dgo'"), m);
        EventSettings badThreshold = EventSettings.builder().rawLabels(true).labelThreshold("Dgo", 0.5).build();
        m = assertThrows(BadInputException.class,
                () -> run(new SampleSource(tone, 1, false), GateMode.OFF, badThreshold, 1)).getMessage();
        assertTrue(m.startsWith("threshold for unknown label 'Dgo'"), m);
        EventSettings comma = EventSettings.builder().labels("Dog", "Vehicle horn", "car horn", "honking").build();
        assertEquals(List.of("Dog", "Vehicle horn, car horn, honking"),
                LabelSelection.resolve(comma.labels(), AudioSetHead.of(yamnet).labels()));
    }

    @Test
    void overrunDropsTheOldestAudioAndSaysSo() throws Exception {
        // processing is held at STARTED until capture has delivered all 4 s into a 0.5 s queue: 3.5 s must go
        Collector c = new Collector();
        FastLiveSource src = new FastLiveSource(Signals.sine(440, 4, -20), false);
        DetectorStats s;
        try (Detector d = Detector.builder().source(src).embedder(yamnet).gate(gate(GateMode.OFF)).queueSeconds(0.5)
                .build()) {
            d.onStatus(st -> {
                if (st.kind() == DetectorStatus.Kind.STARTED) {
                    awaitQuietly(src.delivered);
                }
            }).addListener(c);
            d.start();
            assertTrue(d.await(60, TimeUnit.SECONDS));
            s = d.stats();
        }
        assertEquals(3.5, s.droppedSeconds(), 1e-9, s.toString());
        assertEquals(0.5, s.audioSeconds(), 1e-9, s.toString());
        assertEquals(1, c.statuses.stream().filter(st -> st.kind() == DetectorStatus.Kind.AUDIO_DROPPED).count(),
                c.statuses.toString());
        // the timeline skips over the dropped audio: the one (padded) window keeps its place in real time
        assertEquals(1, c.windows.size(), c.windows.toString());
        assertEquals(3.5, c.windows.get(0).startSeconds(), 1e-9);
        assertTrue(c.windows.get(0).padded());
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A microphone at real-time pace that gives at most 50 ms a read, as some devices and users' sources do. */
    static final class PacedRoom implements AudioSource {
        private final float[] room = Signals.noise(1.0, -70, 5);
        private volatile boolean open;
        private long position;
        private long startNanos;

        @Override
        public String name() {
            return "paced room";
        }

        @Override
        public SourceFormat open() {
            open = true;
            startNanos = System.nanoTime();
            return new SourceFormat(16_000, "paced room");
        }

        @Override
        public int read(float[] buf, int off, int len) {
            if (!open) {
                return -1;
            }
            long wait = startNanos + position * 1_000_000_000L / 16_000 - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            int n = Math.min(len, 800);
            for (int i = 0; i < n; i++) {
                buf[off + i] = room[(int) ((position + i) % room.length)];
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
            return false;
        }

        @Override
        public void close() {
            open = false;
        }
    }

    @Test
    void aQuietRoomKeepsRealTimeWithASourceThatGivesLittlePerRead() throws Exception {
        // the quiet reads wait 0.2 s between reads: a source giving 50 ms a read must still be read as fast as it
        // plays (it fell to a quarter of real time before the capture caught up by the clock)
        try (Detector d = Detector.builder().source(new PacedRoom()).embedder(yamnet).build()) {
            d.start();
            Thread.sleep(2_000); // start-up and the first second of closed gate behind
            long t0 = System.nanoTime();
            double audio0 = d.stats().audioSeconds();
            Thread.sleep(4_000);
            double wall = (System.nanoTime() - t0) / 1e9;
            double audio = d.stats().audioSeconds() - audio0;
            d.stop();
            assertTrue(audio > 0.85 * wall, "audio " + audio + " s in " + wall + " s of a quiet room");
        }
    }

    @Test
    void stopClosesOpenEventsAndRecordsClipsWithPreRoll() throws Exception {
        Collector c = new Collector();
        // a microphone: 2 s quiet room, a tone that is still sounding when stop() comes, then nothing new
        FastLiveSource mic = new FastLiveSource(Signals.concat(Signals.noise(2, -70, 3), Signals.sine(1000, 5, -20)),
                true);
        Path clips = tmp.resolve("clips");
        EventRecorder rec = new EventRecorder(clips, 1.0, w -> { });
        CountDownLatch onset = new CountDownLatch(1);
        List<DetectorStatus.Kind> kindsWhenStopReturned;
        try (Detector d = Detector.builder().source(mic).embedder(yamnet).queueSeconds(10)
                .events(EventSettings.builder().rawLabels(true).labels("Beep, bleep").build()).build()) {
            d.addListener(c).addListener(rec).onEvent(e -> onset.countDown());
            d.start();
            assertTrue(onset.await(30, TimeUnit.SECONDS), "an onset before stop");
            assertTrue(mic.delivered.await(30, TimeUnit.SECONDS));
            d.stop();
            // stop() waited: everything is processed and the last status delivered when it returns
            kindsWhenStopReturned = c.statuses.stream().map(DetectorStatus::kind).toList();
            assertTrue(d.isFinished());
            assertEquals(7.0, d.stats().audioSeconds(), 1e-9);
        }
        assertEquals(DetectorStatus.Kind.STOPPED, kindsWhenStopReturned.get(kindsWhenStopReturned.size() - 1));
        assertEquals(List.of(DetectionEvent.Type.ONSET, DetectionEvent.Type.OFFSET),
                c.events.stream().map(DetectionEvent::type).toList());
        DetectionEvent off = c.events.get(1);
        assertTrue(off.endSeconds() > 6.0 && off.timeSeconds() <= 7.0 + 0.96, "the tone lasted until stop(): " + off);
        assertEquals(1, rec.written().size());
        Path wav = rec.written().get(0);
        assertTrue(wav.getFileName().toString().endsWith("_Beep-bleep.wav"), wav.toString());
        float[] clip = AudioFiles.readMono16k(wav);
        double expectedSeconds = off.endSeconds() - Math.max(0, off.startSeconds() - 1.0);
        assertEquals(expectedSeconds, clip.length / 16_000.0, 0.01);
        assertTrue(Files.list(clips).allMatch(p -> p.toString().endsWith(".wav")), "no temporary files left");
    }

    @Test
    void webRtcVadHearsSpeechNotSilenceAndSurvivesReset() throws Exception {
        float[] speech = Sounds.speech(tmp, "Hello there, this is a short test of the voice detector.");
        try (WebRtcVad vad = new WebRtcVad(2)) {
            int active = 0;
            int frames = speech.length / 480;
            for (int f = 0; f < frames; f++) {
                active += vad.isActive(speech, f * 480) ? 1 : 0;
            }
            assertTrue(active > frames / 3, active + " of " + frames);
            vad.reset();
            float[] silence = new float[480 * 50];
            int quiet = 0;
            for (int f = 0; f < 50; f++) {
                quiet += vad.isActive(silence, f * 480) ? 0 : 1;
            }
            assertEquals(50, quiet);
            assertTrue(vad.isActive(speech, (frames / 2) * 480) || vad.isActive(speech, (frames / 2 + 1) * 480)
                    || vad.isActive(speech, (frames / 2 + 2) * 480), "still works after reset");
        }
    }

    @Test
    void webRtcVadIsNotCalledOnASteadyBackground() {
        // libfvad-jni leaks every frame it is handed: a steady background must stop reaching it
        float[] fan = Signals.noise(90, -45, 9);
        try (WebRtcVad vad = new WebRtcVad(2)) {
            int frames = fan.length / 480;
            long callsAt60s = 0;
            for (int f = 0; f < frames; f++) {
                vad.isActive(fan, f * 480);
                if (f == 2000) {
                    callsAt60s = vad.nativeCalls();
                }
            }
            assertTrue(callsAt60s > 0 && callsAt60s < 2000, "calls while the floor settles: " + callsAt60s);
            assertTrue(vad.nativeCalls() - callsAt60s < 20, "calls in the last 30 s: " + (vad.nativeCalls()
                    - callsAt60s));
            float[] quiet = Signals.noise(10, -75, 10);
            long before = vad.nativeCalls();
            for (int f = 0; f < quiet.length / 480; f++) {
                vad.isActive(quiet, f * 480);
            }
            assertEquals(before, vad.nativeCalls(), "a quiet room never reaches the native detector");
        }
    }

    @Test
    void missingFileIsBadInputAndLeavesAGivenEmbedderOpen() {
        Path missing = tmp.resolve("none.wav");
        Detector d = Detector.builder().source(new FileSource(missing, false)).embedder(yamnet).build();
        String m = assertThrows(BadInputException.class, d::start).getMessage();
        assertTrue(m.contains("none.wav"), m);
        assertThrows(IllegalStateException.class, d::start, "a detector starts once");
        d.close();
        d.close(); // idempotent
        assertEquals(0.0, d.stats().audioSeconds());
        assertEquals(List.of(), d.labels());
        // the embedder was given, so the failed start did not close it: it still embeds
        assertEquals(521, AudioSetHead.of(yamnet).labels().size());
        assertFalse(WindowAnalyzer.builder(yamnet).classifier(AudioSetHead.of(yamnet)).build()
                .analyze(Signals.sine(440, 1, -20)).isEmpty());
    }
}
