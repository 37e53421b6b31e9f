package dev.hark.live.teach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.config.listen.GateMode;
import dev.hark.config.listen.GateSettings;
import dev.hark.core.audio.AudioFileInfo;
import dev.hark.core.audio.AudioFiles;
import dev.hark.errors.BadInputException;
import dev.hark.live.capture.SampleSource;
import dev.hark.testkit.Signals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link Teacher} on audio from memory (no device): examples found, trimmed, saved and numbered; the background. */
class TeacherTest {
    @TempDir
    Path dir;

    /** A quiet room (-70 dBFS) with beeps of 0.5, 0.8 and 0.3 s (at -20 dBFS) starting at 1.0, 3.0 and 5.3 s. */
    static float[] beeps() {
        return Signals.concat(Signals.noise(1.0, -70, 1), Signals.sine(1000, 0.5, -20), Signals.noise(1.5, -70, 2),
                Signals.sine(700, 0.8, -20), Signals.noise(1.5, -70, 3), Signals.sine(1500, 0.3, -20),
                Signals.noise(2.0, -70, 4));
    }

    static List<Path> wavs(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    @Test
    void beepsAreFoundTrimmedAndSavedAsNumbered16kMonoWavs() throws Exception {
        for (GateMode mode : new GateMode[] {GateMode.ENERGY, GateMode.BOTH}) {
            Path ds = dir.resolve(mode.cliName());
            List<TeachStatus> statuses = new ArrayList<>();
            List<Example> saved = new ArrayList<>();
            Take take;
            try (Teacher t = Teacher.builder().source(new SampleSource(beeps(), 1, false)).dataset(ds)
                    .gate(GateSettings.defaults().withMode(mode)).build()) {
                take = t.examples("beep", 3, new TeachListener() {
                    @Override
                    public void onStatus(TeachStatus s) {
                        statuses.add(s);
                    }

                    @Override
                    public void onExample(Example e) {
                        saved.add(e);
                    }
                });
            }
            assertEquals(Take.Ending.DONE, take.ending(), mode.cliName());
            assertTrue(take.complete());
            assertEquals(saved, take.saved());
            assertEquals(List.of(ds.resolve("beep/beep-001.wav"), ds.resolve("beep/beep-002.wav"),
                    ds.resolve("beep/beep-003.wav")), wavs(ds.resolve("beep")));
            double[] sounds = {0.5, 0.8, 0.3};
            double[] starts = {1.0, 3.0, 5.3};
            for (int i = 0; i < 3; i++) {
                Example e = saved.get(i);
                try (var stream = AudioFiles.open16k(e.file())) {
                    AudioFileInfo info = stream.info();
                    assertEquals(16000, info.sampleRateHz());
                    assertEquals(1, info.channels());
                }
                float[] x = AudioFiles.readMono16k(e.file());
                assertEquals(e.seconds(), x.length / 16000.0, 1e-9);
                // the sound to within a gate frame or two (30 ms each), plus 0.25 s each side
                assertEquals(sounds[i], e.soundSeconds(), 0.065, mode.cliName() + " example " + (i + 1));
                assertEquals(sounds[i] + 0.5, e.seconds(), 0.065, mode.cliName() + " example " + (i + 1));
                assertEquals(starts[i] - 0.25, e.startSeconds(), 0.035, mode.cliName() + " example " + (i + 1));
                assertEquals(-20, e.peakDbfs(), 1.0, "the beep's level");
            }
            List<TeachState> states = statuses.stream().filter(s -> s.message() != null).map(TeachStatus::state)
                    .toList();
            assertEquals(TeachState.SETTLING, states.get(0));
            assertEquals(TeachState.DONE, states.get(states.size() - 1));
            assertTrue(states.contains(TeachState.HEARING) && states.contains(TeachState.WAITING), states.toString());
            assertTrue(statuses.stream().anyMatch(s -> s.message() == null && s.levelDbfs() > -25),
                    "level updates hear the beeps");
            assertTrue(statuses.stream().anyMatch(s -> s.message() == null && s.levelDbfs() < -65),
                    "and the quiet room");
        }
    }

    @Test
    void aSecondTakeNumbersOnAndTheSourceEndingEarlyIsSaid() throws Exception {
        try (Teacher t = Teacher.builder().source(new SampleSource(beeps(), 1, false)).dataset(dir).build()) {
            assertEquals(3, t.examples("beep", 3, null).saved().size());
        }
        Take second;
        try (Teacher t = Teacher.builder().source(new SampleSource(beeps(), 1, false)).dataset(dir).build()) {
            second = t.examples("beep", 5, null);
        }
        assertEquals(Take.Ending.SOURCE_ENDED, second.ending());
        assertFalse(second.complete());
        assertEquals(3, second.saved().size());
        assertEquals(dir.resolve("beep/beep-006.wav"), second.saved().get(2).file());
        assertEquals(6, wavs(dir.resolve("beep")).size());
    }

    @Test
    void theDurationLimitAndStopEndATake() throws Exception {
        Take limited;
        try (Teacher t = Teacher.builder().source(new SampleSource(beeps(), 1, false)).dataset(dir)
                .durationSeconds(2.5).build()) {
            limited = t.examples("beep", 3, null);
        }
        assertEquals(Take.Ending.DURATION, limited.ending());
        assertEquals(1, limited.saved().size());
        assertEquals(2.5, limited.audioSeconds(), 0.031);

        Teacher t = Teacher.builder().source(new SampleSource(beeps(), 1, false)).dataset(dir.resolve("s")).build();
        Take stopped;
        try (t) {
            stopped = t.examples("beep", 3, TeachListener.examples(e -> t.stop()));
        }
        assertEquals(Take.Ending.STOPPED, stopped.ending());
        assertEquals(1, stopped.saved().size());
    }

    @Test
    void theBackgroundIsSavedInEqualPiecesAsNegatives() throws Exception {
        float[] room = Signals.concat(Signals.noise(6.0, -60, 5), Signals.sine(300, 1.0, -30),
                Signals.noise(8.0, -60, 6));
        Take take;
        try (Teacher t = Teacher.builder().source(new SampleSource(room, 1, false)).dataset(dir).build()) {
            take = t.background(12, null);
        }
        assertEquals(Take.Ending.DONE, take.ending());
        assertEquals(List.of(dir.resolve("_negative/background-001.wav"), dir.resolve("_negative/background-002.wav")),
                wavs(dir.resolve("_negative")));
        for (Example e : take.saved()) {
            assertEquals(6.0, AudioFiles.readMono16k(e.file()).length / 16000.0, 0.031);
        }
        assertEquals(0.0, take.saved().get(0).startSeconds());
        assertEquals(12.0, take.audioSeconds(), 0.031);
    }

    @Test
    void badRequestsAreRefusedBeforeTheSourceIsOpened() {
        SampleSource never = new SampleSource(new float[] {0f}, 1, false);
        try (Teacher t = Teacher.builder().source(never).dataset(dir).build()) {
            assertTrue(assertThrows(BadInputException.class, () -> t.examples("unknown", 3, null)).getMessage()
                    .contains("may not be called 'unknown'"));
            assertTrue(assertThrows(BadInputException.class, () -> t.examples("a/b", 3, null)).getMessage()
                    .contains("a label is a folder name"));
            assertTrue(assertThrows(BadInputException.class, () -> t.examples("_negative", 3, null)).getMessage()
                    .contains("reserved"));
            assertTrue(assertThrows(BadInputException.class, () -> t.examples("dog", 0, null)).getMessage()
                    .startsWith("bad value for examples: 0"));
            assertTrue(assertThrows(BadInputException.class, () -> t.background(0.5, null)).getMessage()
                    .startsWith("bad value for background seconds: 0.5"));
        }
        try (Teacher t = Teacher.builder().source(never).dataset(dir).gate(GateSettings.defaults()
                .withMode(GateMode.OFF)).build()) {
            assertTrue(assertThrows(BadInputException.class, () -> t.examples("dog", 3, null)).getMessage()
                    .contains("gate.mode may not be off"));
        }
        assertFalse(Files.exists(dir.resolve("dog")), "nothing was made for a refused take");
    }
}
