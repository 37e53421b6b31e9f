package dev.hark.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import dev.hark.live.gate.WebRtcVad;
import dev.hark.live.record.EventRecorder;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import dev.hark.models.head.AudioSetHead;
import dev.hark.models.pipeline.WindowAnalyzer;
import dev.hark.models.pipeline.WindowResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
    static final class Collector implements DetectionListener {
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
        GateSettings d = GateSettings.defaults();
        return new GateSettings(mode, d.vadMode(), d.energyThresholdDbfs(), d.noiseFloorMarginDb(), d.hangoverMs());
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
        Path clip = Sounds.dogClip();
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
                    WindowResult e = expected.get((int) w.index());
                    assertEquals(e.startSeconds(), w.startSeconds());
                    assertEquals(e.endSeconds(), w.endSeconds());
                    assertArrayEquals(e.scores(), w.scores(), "window " + w.index() + " batch " + batch + " " + mode);
                }
                assertFalse(c.onsets("Dog").isEmpty(), "a dog in a dog clip: " + c.events);
            }
        }
    }

    @Test
    void quietRoomRunsNoModelAndASoundOpensTheGate() throws Exception {
        // 6 s quiet room (-70 dBFS), a 2 s sine at -20 dBFS from 6.0 s, 6 s quiet
        float[] scene = Sounds.concat(Sounds.noise(6, -70, 1), Sounds.sine(1000, 2, -20), Sounds.noise(6, -70, 2));
        Collector c = run(new SampleSource(scene, 1, false), GateMode.BOTH, EventSettings.defaults(), 1);
        for (WindowScores w : c.windows) {
            boolean overlapsTone = w.endSeconds() > 6.0 && w.startSeconds() < 8.0 + 0.3;
            assertEquals(overlapsTone, w.ran(), "window " + w.startSeconds() + "-" + w.endSeconds());
        }
        // YAMNet calls a 1 kHz tone "Beep, bleep"
        assertEquals(1, c.onsets("Beep, bleep").size(), c.events.toString());
        DetectionEvent on = c.onsets("Beep, bleep").get(0);
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
        EventSettings only = new EventSettings(0.3, Map.of(), List.of("beep", "BLEEP"), 1, 1, 0.5, 0, 1);
        float[] tone = Sounds.sine(1000, 3, -20);
        Collector c = run(new SampleSource(tone, 1, false), GateMode.OFF, only, 1);
        assertEquals(List.of("Beep, bleep"), c.events.stream().map(DetectionEvent::label).distinct().toList());

        EventSettings bad = new EventSettings(0.3, Map.of(), List.of("Dgo"), 1, 1, 0.5, 0, 1);
        String m = assertThrows(BadInputException.class,
                () -> run(new SampleSource(tone, 1, false), GateMode.OFF, bad, 1)).getMessage();
        assertTrue(m.startsWith("unknown label 'Dgo'"), m);
        EventSettings badThreshold = new EventSettings(0.3, Map.of("Dgo", 0.5), List.of(), 1, 1, 0.5, 0, 1);
        m = assertThrows(BadInputException.class,
                () -> run(new SampleSource(tone, 1, false), GateMode.OFF, badThreshold, 1)).getMessage();
        assertTrue(m.startsWith("threshold for unknown label 'Dgo'"), m);
        EventSettings comma = new EventSettings(0.3, Map.of(), List.of("Dog", "Vehicle horn", "car horn", "honking"),
                1, 1, 0.5, 0, 1);
        assertEquals(List.of("Dog", "Vehicle horn, car horn, honking"),
                LabelSelection.resolve(comma.labels(), AudioSetHead.of(yamnet).labels()));
    }

    @Test
    void overrunDropsTheOldestAudioAndSaysSo() throws Exception {
        Collector c = new Collector();
        DetectionListener slow = new DetectionListener() {
            @Override
            public void onWindow(WindowScores w) {
                try {
                    Thread.sleep(700); // slower than the 0.48 s hop: processing falls behind
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        float[] tone = Sounds.sine(440, 4, -20);
        try (Detector d = Detector.builder().source(new SampleSource(tone, 1, true)).embedder(yamnet)
                .gate(gate(GateMode.OFF)).queueSeconds(0.5).build()) {
            d.addListener(c).addListener(slow);
            d.start();
            assertTrue(d.await(60, TimeUnit.SECONDS));
            DetectorStats s = d.stats();
            assertTrue(s.droppedSeconds() > 0.3, s.toString());
            assertEquals(4.0, s.audioSeconds() + s.droppedSeconds(), 0.06, s.toString());
        }
        assertTrue(c.statuses.stream().anyMatch(s -> s.kind() == DetectorStatus.Kind.AUDIO_DROPPED), c.statuses
                .toString());
        // the timeline skips over the dropped audio: windows keep their place in real time
        WindowScores last = c.windows.get(c.windows.size() - 1);
        assertTrue(last.endSeconds() > 3.0, last.toString());
    }

    @Test
    void stopClosesOpenEventsAndRecordsClipsWithPreRoll() throws Exception {
        Collector c = new Collector();
        float[] scene = Sounds.concat(Sounds.noise(2, -70, 3), Sounds.sine(1000, 60, -20));
        Path clips = tmp.resolve("clips");
        EventRecorder rec = new EventRecorder(clips, 1.0, w -> { });
        try (Detector d = Detector.builder().source(new SampleSource(scene, 1, true)).embedder(yamnet)
                .events(new EventSettings(0.3, Map.of(), List.of("Beep, bleep"), 1, 1, 0.5, 0, 1)).build()) {
            d.addListener(c).addListener(rec);
            d.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (c.onsets("Beep, bleep").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(1000);
            d.stop();
            assertTrue(d.isFinished());
        }
        assertEquals(List.of(DetectionEvent.Type.ONSET, DetectionEvent.Type.OFFSET),
                c.events.stream().map(DetectionEvent::type).toList());
        DetectionEvent off = c.events.get(1);
        assertEquals(DetectorStatus.Kind.STOPPED, c.statuses.get(c.statuses.size() - 1).kind());
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
        float[] fan = Sounds.noise(90, -45, 9);
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
            float[] quiet = Sounds.noise(10, -75, 10);
            long before = vad.nativeCalls();
            for (int f = 0; f < quiet.length / 480; f++) {
                vad.isActive(quiet, f * 480);
            }
            assertEquals(before, vad.nativeCalls(), "a quiet room never reaches the native detector");
        }
    }

    @Test
    void missingFileIsBadInput() {
        Detector d = Detector.builder().source(new FileSource(tmp.resolve("none.wav"), false)).embedder(yamnet)
                .build();
        assertThrows(BadInputException.class, d::start);
        d.close();
        assertNotNull(d.stats());
    }
}
