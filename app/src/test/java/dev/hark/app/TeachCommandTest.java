package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.audio.AudioFiles;
import dev.hark.testkit.Signals;
import dev.hark.testkit.TestData;
import dev.hark.testkit.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hark teach} end to end, headless: in a child JVM through Java Sound from the virtual microphone (ALSA's
 * file plugin playing a raw file made with sox from ESC-50 clips separated by a quiet room). Sirens, then vacuum
 * cleaners, then the background (keyboard typing and footsteps in the room) with {@code --train}; the head then
 * classifies other clips of those classes and says unknown for the room and
 * another take of the footsteps.
 */
class TeachCommandTest {
    static final double SOUND_SECONDS = 1.5;
    static final double MARGIN_SECONDS = 0.25;

    @TempDir
    static Path dir;
    static Path dataset;
    static Path head;
    static VirtualMic.Child sirens;
    static VirtualMic.Child vacuums;
    static VirtualMic.Child background;

    static Path esc50(String file) {
        return TestData.shared("datasets/esc50-dev/audio/" + file);
    }

    /** {@code seconds} of {@code file} from {@code fromSeconds}, decoded and resampled by sox to 16 kHz mono. */
    static float[] sox(String file, double fromSeconds, double seconds) throws Exception {
        Path out = Files.createTempFile(dir, "cut", ".wav");
        Process p = new ProcessBuilder("sox", "-R", "-D", esc50(file).toString(), "-r", "16000", "-c", "1", "-b",
                "16", out.toString(), "trim", String.valueOf(fromSeconds), String.valueOf(seconds))
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), said);
        float[] x = AudioFiles.readMono16k(out);
        assertEquals(seconds, x.length / 16000.0, 1e-3, file);
        return x;
    }

    static float[] room(double seconds, long seed) {
        return Signals.noise(seconds, -70, seed);
    }

    /** Three sounds of {@link #SOUND_SECONDS}, each after 1.5 s of room, then 10 s of room. */
    static float[] takes(String... files) throws Exception {
        List<float[]> parts = new ArrayList<>();
        long seed = 10;
        for (String f : files) {
            parts.add(room(1.5, seed++));
            parts.add(sox(f, 1.0, SOUND_SECONDS));
        }
        parts.add(room(10, seed));
        return Signals.concat(parts.toArray(float[][]::new));
    }

    /**
     * {@code hark teach ARGS} in a child JVM hearing {@code audio} through the virtual microphone, for at most the
     * audio's length (the file plugin delivers faster than real time: without a limit the capture would outrun the
     * gate and drop the oldest audio, the sounds).
     */
    static VirtualMic.Child teach(String name, float[] audio, String... args) throws Exception {
        Path home = VirtualMic.home(dir, name, audio);
        List<String> a = new ArrayList<>(List.of("teach"));
        a.addAll(List.of(args));
        a.addAll(List.of("--into", dataset.toString(), "--config", home.resolve("listen.yaml").toString(),
                "--duration", String.format(java.util.Locale.ROOT, "%.3f", audio.length / 16000.0)));
        return VirtualMic.child(dir, Map.of("HOME", home.toString()), null, a.toArray(String[]::new));
    }

    @BeforeAll
    static void teachSirensVacuumsAndTheBackground() throws Exception {
        Tools.assumeSox();
        dataset = dir.resolve("dataset");
        head = dir.resolve("room.hark");
        sirens = teach("mic-siren", takes("1-54084-A-42.ogg", "2-43802-A-42.ogg", "2-70052-A-42.ogg"), "siren",
                "--examples", "3");
        vacuums = teach("mic-vacuum", takes("1-100210-A-36.ogg", "1-19872-A-36.ogg", "2-106072-A-36.ogg"), "vacuum",
                "--examples", "3");
        float[] room = Signals.concat(room(3, 1), sox("1-137-A-32.ogg", 0, 5), room(3, 2),
                sox("1-155858-A-25.ogg", 0, 5), room(14, 3));
        background = teach("mic-room", room, "--background", "--seconds", "20", "--train", head.toString());
    }

    static List<Path> wavs(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    @Test
    void examplesAreSavedTrimmedAs16kMonoWavs() throws Exception {
        for (VirtualMic.Child c : List.of(sirens, vacuums)) {
            assertEquals(0, c.exit(), c.err());
            assertTrue(c.err().startsWith("hark teach: listening: default device: s16le mono 16000 Hz"), c.err());
            assertTrue(c.err().contains("hark teach: done: 3 of 3 examples of "), c.err());
            assertFalse(c.err().contains("dropped"), c.err());
        }
        for (String label : List.of("siren", "vacuum")) {
            List<Path> files = wavs(dataset.resolve(label));
            assertEquals(List.of(label + "-001.wav", label + "-002.wav", label + "-003.wav"),
                    files.stream().map(p -> p.getFileName().toString()).toList());
            for (int i = 0; i < 3; i++) {
                Path f = files.get(i);
                AudioFormat format = AudioSystem.getAudioFileFormat(f.toFile()).getFormat();
                assertEquals(16000f, format.getSampleRate(), f.toString());
                assertEquals(1, format.getChannels(), f.toString());
                assertEquals(16, format.getSampleSizeInBits(), f.toString());
                double seconds = AudioFiles.readMono16k(f).length / 16000.0;
                // the sound plus a margin each side, to within a gate frame or two
                assertEquals(SOUND_SECONDS + 2 * MARGIN_SECONDS, seconds, 0.07, f.toString());
                // where it started: the room before each sound is 1.5 s, the margin 0.25 s of it
                double start = 1.5 + i * (1.5 + SOUND_SECONDS) - MARGIN_SECONDS;
                assertTrue((label.equals("siren") ? sirens : vacuums).out().contains(
                        String.format(java.util.Locale.ROOT, "saved %s: %.2f s from ", f, seconds)), f.toString());
                assertEquals(start, outStart((label.equals("siren") ? sirens : vacuums).out(), f), 0.035,
                        f + " starts near " + start);
            }
        }
    }

    private static double outStart(String out, Path f) {
        Matcher m = Pattern.compile(Pattern.quote("saved " + f + ": ") + "[0-9.]+ s from ([0-9.]+) s").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theBackgroundIsSavedAsNegativesAndTheHeadIsTrainedWithAnEstimate() throws Exception {
        assertEquals(0, background.exit(), background.err() + background.out());
        List<Path> pieces = wavs(dataset.resolve("_negative"));
        assertEquals(4, pieces.size(), pieces.toString());
        for (Path p : pieces) {
            assertEquals(5.0, AudioFiles.readMono16k(p).length / 16000.0, 0.031, p.toString());
        }
        String out = background.out();
        assertTrue(out.contains("folder per class data set " + dataset + ": 10 clips, 3 labels"), out);
        assertTrue(out.contains("trained on 10 clips (4 negatives), 2 labels"), out);
        assertTrue(out.contains("wrote " + head), out);
        // the estimate: every clip held out once, its counts consistent (with 3 examples a sound it is rough)
        Matcher m = Pattern.compile("estimate \\(leave-one-out: 10 heads, each trained without one clip and tested on "
                + "it\\): (\\d+) of 10 clips right \\(([0-9.]+) %\\)\n  sounds given their label: ([0-9.]+) % of 6 .*\n"
                + "  background rejected \\(said unknown\\): ([0-9.]+) % of 4\n").matcher(out);
        assertTrue(m.find(), out);
        int right = Integer.parseInt(m.group(1));
        assertEquals(10.0 * right, Double.parseDouble(m.group(2)), 1e-9);
        double known = Double.parseDouble(m.group(3)) * 6 / 100;
        double rejected = Double.parseDouble(m.group(4)) * 4 / 100;
        assertEquals(right, Math.round(known) + Math.round(rejected), out);
        assertTrue(rejected >= 3, "the background held out is rejected: " + out);
        assertTrue(Files.isRegularFile(head));
    }

    /** The file summary's best label, or unknown. */
    static String classify(Path file) {
        Object[] r = HarkCommandTest.run("classify", file.toString(), "--classifier", head.toString(), "--top", "1");
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        Matcher m = Pattern.compile("summary \\([^)]*\\): (\\S+)").matcher((String) r[1]);
        assertTrue(m.find(), (String) r[1]);
        return m.group(1);
    }

    @Test
    void theHeadKnowsNewTakesOfTheSoundsAndRejectsOtherBackground() throws Exception {
        assertTrue(Files.isRegularFile(head), background.out() + background.err());
        for (String siren : List.of("1-76831-A-42.ogg", "1-31482-A-42.ogg")) {
            assertEquals("siren", classify(esc50(siren)), siren);
        }
        for (String vacuum : List.of("1-46744-A-36.ogg", "2-122820-A-36.ogg")) {
            assertEquals("vacuum", classify(esc50(vacuum)), vacuum);
        }
        Path quiet = dir.resolve("quiet.wav");
        dev.hark.core.audio.WavWriter.writePcm16(quiet, room(4, 99), 16000);
        assertEquals("unknown", classify(quiet), "the room");
        assertEquals("unknown", classify(esc50("1-155858-B-25.ogg")), "another take of the footsteps");
    }

    @Test
    void tooLittleDataIsSaidAndAMissingMicrophoneIsOneLine() throws Exception {
        Path solo = dir.resolve("solo");
        Files.createDirectories(solo);
        float[] one = takes("2-43802-A-42.ogg");
        Path home = VirtualMic.home(dir, "mic-solo", one);
        VirtualMic.Child c = VirtualMic.child(dir, Map.of("HOME", home.toString()), null, "teach", "siren",
                "--examples", "1", "--into", solo.toString(), "--config", home.resolve("listen.yaml").toString(),
                "--duration", String.valueOf(one.length / 16000.0), "--train", dir.resolve("solo.hark").toString());
        assertEquals(ExitCodes.BAD_INPUT, c.exit(), c.err());
        assertTrue(c.err().endsWith("hark: too little data to train: one sound (siren) and no background in " + solo
                + "; teach another sound (hark teach LABEL) or record the background (hark teach --background), "
                + "then train\n"), c.err());
        assertEquals(1, wavs(solo.resolve("siren")).size(), "the example is kept");
        assertFalse(Files.exists(dir.resolve("solo.hark")));

        Path empty = Files.createDirectories(dir.resolve("no-mic"));
        Path conf = Files.writeString(empty.resolve("alsa.conf"), "");
        VirtualMic.Child none = VirtualMic.child(dir, Map.of("HOME", empty.toString(), "ALSA_CONFIG_PATH",
                conf.toString()), null, "teach", "dog", "--into", dir.resolve("never").toString());
        assertEquals(ExitCodes.BAD_INPUT, none.exit(), none.err());
        assertEquals(1, none.err().lines().count(), none.err());
        assertTrue(none.err().startsWith("hark: no microphone: "), none.err());
    }
}
