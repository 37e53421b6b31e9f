package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.core.audio.AudioFiles;
import dev.hark.core.audio.WavWriter;
import dev.hark.testkit.Signals;
import dev.hark.testkit.TestData;
import dev.hark.testkit.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hark listen} end to end: in-process on files (equality with {@code hark classify}, events on a scene,
 * option errors), and in a child JVM through Java Sound with a virtual microphone (the ALSA file plugin plays a
 * raw 16 kHz file as the default capture device; no daemon needed).
 */
class ListenCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int RATE = Signals.RATE_HZ;

    @TempDir
    static Path dir;

    /** The scene: 3 s quiet room, ESC-50 dog clip (5 s), 3 s quiet, espeak-ng speech, 5 s quiet. */
    static Path sceneWav;
    static double dogStart = 3.0;
    static double dogEnd = 8.0;
    static double speechStart = 11.0;
    static double speechEnd;
    static double sceneSeconds;
    static float[] scene;

    static Path dogClip() {
        return TestData.dogClip();
    }

    static float[] noise(double seconds, long seed) {
        return Signals.gaussian(seconds, 3e-4, seed); // about -70 dBFS
    }

    @BeforeAll
    static void makeScene() throws Exception {
        Path speechWav = Tools.speak("Hello, this is a test of the listening machine. Can you hear me speaking now?",
                dir.resolve("speech.wav"));
        float[] speech = AudioFiles.readMono16k(speechWav);
        float[] dog = AudioFiles.readMono16k(dogClip());
        assertEquals(5.0, dog.length / (double) RATE, 0.01);
        speechEnd = speechStart + speech.length / (double) RATE;
        scene = Signals.concat(noise(3, 1), dog, noise(3, 2), speech, noise(5, 3));
        sceneSeconds = scene.length / (double) RATE;
        sceneWav = dir.resolve("scene.wav");
        WavWriter.writePcm16(sceneWav, scene, RATE);
    }

    static Object[] run(String... args) {
        return HarkCommandTest.run(args);
    }

    static List<JsonNode> lines(String out, String type) throws IOException {
        List<JsonNode> l = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                JsonNode n = JSON.readTree(line);
                if (type == null || type.equals(n.path("type").asText())) {
                    l.add(n);
                }
            }
        }
        return l;
    }

    static JsonNode onset(List<JsonNode> events, String label) {
        return events.stream().filter(e -> e.get("type").asText().equals("onset") && e.get("label").asText()
                .equals(label)).findFirst().orElse(null);
    }

    @Test
    void inputWindowsEqualClassifyBitForBit() throws Exception {
        String file = dogClip().toString();
        Object[] c = run("classify", "--raw-labels", file, "--format", "jsonl", "--top", "521", "--hop", "0.48", "--threads", "1");
        assertEquals(ExitCodes.OK, c[0], (String) c[2]);
        List<JsonNode> expected = lines((String) c[1], "window");
        for (String gate : new String[] {"off", "both"}) {
            Object[] l = run("listen", "--raw-labels", "--input", file, "--gate", gate, "--format", "jsonl", "--windows", "--top", "521",
                    "--hop", "0.48");
            assertEquals(ExitCodes.OK, l[0], (String) l[2]);
            List<JsonNode> windows = lines((String) l[1], "window");
            if (gate.equals("off")) {
                assertEquals(expected.size(), windows.size());
            }
            int compared = 0;
            for (JsonNode w : windows) {
                if (!w.get("ran").asBoolean()) {
                    continue;
                }
                JsonNode e = expected.get(w.get("index").asInt());
                // one schema: classify's window line is listen's plus the file, minus the live concepts and level
                com.fasterxml.jackson.databind.node.ObjectNode withoutFile = e.deepCopy();
                withoutFile.remove("file");
                com.fasterxml.jackson.databind.node.ObjectNode labelsOnly = w.deepCopy();
                assertTrue(labelsOnly.remove("level").isNumber(), "a live window says its level");
                labelsOnly.remove("concepts");
                assertEquals(withoutFile, labelsOnly, "gate " + gate);
                assertEquals(e.get("start").asDouble(), w.get("start").asDouble());
                assertEquals(e.get("end").asDouble(), w.get("end").asDouble());
                assertEquals(521, w.get("labels").size());
                for (int i = 0; i < 521; i++) {
                    JsonNode a = e.get("labels").get(i);
                    JsonNode b = w.get("labels").get(i);
                    assertEquals(a.get("label").asText(), b.get("label").asText());
                    // the same float, bit for bit (both print the shortest decimal of the float)
                    assertEquals(Float.floatToIntBits((float) a.get("score").asDouble()),
                            Float.floatToIntBits((float) b.get("score").asDouble()), "gate " + gate + " " + w);
                }
                compared++;
            }
            assertTrue(compared >= 3, "gate " + gate + ": windows compared " + compared);
        }
    }

    @Test
    void sceneFileGivesOnsetsAtTheKnownTimes() throws Exception {
        Object[] r = run("listen", "--raw-labels", "--input", sceneWav.toString(), "--format", "jsonl", "--labels", "Dog;Speech");
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        List<JsonNode> ev = lines((String) r[1], null);
        checkSceneEvents(ev);
        assertTrue(((String) r[2]).contains("summary: " + String.format(java.util.Locale.ROOT, "%.1f", sceneSeconds)
                + " s of audio"), (String) r[2]);
        assertTrue(((String) r[2]).contains("events: Dog 1; Speech 1"), (String) r[2]);
    }

    @Test
    void longLabelsKeepTheTextColumns() throws Exception {
        Object[] r = run("listen", "--input", sceneWav.toString(), "--raw-labels");
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        List<String> lines = ((String) r[1]).lines().toList();
        // the scene gives "Single-lens reflex camera" (25 characters), longer than the 24 the column had
        assertTrue(lines.stream().anyMatch(l -> l.contains("Single-lens reflex camera")), r[1].toString());
        java.util.Set<Integer> scoreColumns = new java.util.TreeSet<>();
        for (String l : lines) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("  (onset |offset) .* (\\d\\.\\d\\d)  \\(")
                    .matcher(l);
            assertTrue(m.find(), l);
            scoreColumns.add(m.start(2));
        }
        assertEquals(1, scoreColumns.size(), "every score in one column: " + r[1]);
        // the column fits the longest AudioSet label ("Livestock, farm animals, working animals", 40 characters)
        assertEquals(9 + 2 + 8 + 40 + 1, scoreColumns.iterator().next(), r[1].toString());
        // with --labels, the longest label asked for
        r = run("listen", "--input", sceneWav.toString(), "--raw-labels", "--labels", "Dog");
        assertTrue(((String) r[1]).lines().allMatch(l -> l.matches(" +[0-9.]+  (onset |offset)  Dog {22}0\\.\\d\\d  .*")),
                r[1].toString());
    }

    static void checkSceneEvents(List<JsonNode> ev) {
        JsonNode dog = onset(ev, "Dog");
        JsonNode speech = onset(ev, "Speech");
        assertTrue(dog != null && speech != null, ev.toString());
        // the clip barks from about 1.4 s of the clip; an onset's start is the start of its first window
        double d = dog.get("start").asDouble();
        assertTrue(d >= dogStart && d <= dogStart + 2.0, "dog onset start " + d);
        double s = speech.get("start").asDouble();
        assertTrue(s >= speechStart - 1.0 && s <= speechStart + 0.5, "speech onset start " + s);
        assertTrue(speech.get("time").asDouble() <= speechStart + 1.5, "speech reported within 1.5 s of audio");
        for (JsonNode e : ev) {
            assertTrue(e.get("label").asText().equals("Dog") || e.get("label").asText().equals("Speech"));
        }
        assertEquals(ev.stream().filter(e -> e.get("type").asText().equals("onset")).count(),
                ev.stream().filter(e -> e.get("type").asText().equals("offset")).count(), "every onset has an offset");
        JsonNode speechOff = ev.stream().filter(e -> e.get("type").asText().equals("offset")
                && e.get("label").asText().equals("Speech")).findFirst().orElseThrow();
        assertTrue(Math.abs(speechOff.get("end").asDouble() - speechEnd) < 1.5, "speech ends near " + speechEnd + ": "
                + speechOff);
    }

    @Test
    void realtimeInputIsNeverAheadOfTheAudioAndRecordsClips() throws Exception {
        Path clips = dir.resolve("clips");
        java.time.Instant started = java.time.Instant.now();
        Object[] r = run("listen", "--raw-labels", "--input", dogClip().toString(), "--realtime", "--labels", "Dog", "--record",
                clips.toString(), "--format", "jsonl");
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        List<JsonNode> ev = lines((String) r[1], null);
        assertEquals(List.of("onset", "offset"), ev.stream().map(e -> e.get("type").asText()).toList(), ev.toString());
        // at real-time pace no event is decided before its audio has played: the line's wall clock is at least its
        // time in the audio after the start (fed as fast as possible, the offset at 3.4 s comes out within a second)
        for (JsonNode e : ev) {
            double wall = java.time.Duration.between(started, java.time.Instant.parse(e.get("wallclock").asText()))
                    .toNanos() / 1e9;
            assertEquals("Dog", e.get("label").asText());
            assertTrue(wall >= e.get("time").asDouble(), e + " announced " + wall + " s after the start");
        }
        List<Path> wavs;
        try (var s = Files.list(clips)) {
            wavs = s.toList();
        }
        assertEquals(1, wavs.size(), wavs.toString());
        // a file's clips are named by the event's start in the stream, not by the wall clock
        assertEquals(String.format(java.util.Locale.ROOT, "%010.3fs_Dog.wav", ev.get(0).get("start").asDouble()),
                wavs.get(0).getFileName().toString());
        // the clip holds 1 s before the event's first window (or the file's start) through the event's end
        float[] clip = AudioFiles.readMono16k(wavs.get(0));
        assertTrue(clip.length >= RATE && clip.length <= 5 * RATE, "clip of " + clip.length + " samples");
    }

    @Test
    void badOptionsAreOneLineErrorsWithExitCode2() throws Exception {
        Object[] r = run("listen", "--raw-labels", "--input", sceneWav.toString(), "--vad-mode", "7");
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertEquals("hark: bad value for gate.vad-mode: 7 (allowed 0 to 3)\n", r[2]);
        r = run("listen", "--raw-labels", "--input", sceneWav.toString(), "--hop", "0.333");
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertTrue(((String) r[2]).startsWith("hark: bad value for model.hop-seconds: 0.333"), (String) r[2]);
        r = run("listen", "--raw-labels", "--input", dir.resolve("missing.wav").toString());
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertEquals(1, ((String) r[2]).lines().count(), (String) r[2]);
        r = run("listen", "--config", dir.resolve("none.yaml").toString());
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertTrue(((String) r[2]).contains("none.yaml: no such file"), (String) r[2]);
        r = run("listen", "--raw-labels", "--input", sceneWav.toString(), "--labels", "Dgo");
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertTrue(((String) r[2]).startsWith("hark: unknown label 'Dgo'"), (String) r[2]);
        Path cfg = dir.resolve("listen.yaml");
        Files.writeString(cfg, "events:\n  thresholds:\n    Dog: 2\n");
        r = run("listen", "--raw-labels", "--input", sceneWav.toString(), "--config", cfg.toString());
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertTrue(((String) r[2]).startsWith("hark: bad value for events.thresholds.Dog: 2"), (String) r[2]);
    }

    // ------------------------------------------------------------------ child JVM, virtual microphone

    /** Runs hark in a child JVM with {@code env} added (HOME for the ALSA config), waiting at most 180 s. */
    static VirtualMic.Child child(Map<String, String> env, java.util.function.BiConsumer<Process, Path> during,
            String... args) throws Exception {
        return VirtualMic.child(dir, env, during, args);
    }

    /** A HOME whose ALSA default device captures {@code audio} (16 kHz mono s16le) through the file plugin. */
    static Path virtualMicHome(String name, float[] audio) throws IOException {
        return VirtualMic.home(dir, name, audio);
    }

    @Test
    void virtualMicrophoneSceneThroughJavaSound() throws Exception {
        // the file plugin repeats stale data after the end: pad with quiet and stop at the scene's length
        Path home = virtualMicHome("mic-scene", Signals.concat(scene, noise(10, 4)));
        VirtualMic.Child devices = child(Map.of("HOME", home.toString()), null, "devices");
        assertEquals(0, devices.exit(), devices.err());
        assertTrue(devices.out().startsWith("0  "), devices.out());
        assertTrue(devices.out().contains("s16le"), devices.out());

        VirtualMic.Child c = child(Map.of("HOME", home.toString()), null, "listen", "--raw-labels", "--format", "jsonl", "--labels", "Dog;Speech",
                "--duration", String.format(java.util.Locale.ROOT, "%.3f", sceneSeconds), "--config",
                home.resolve("listen.yaml").toString());
        assertEquals(0, c.exit(), c.err());
        assertTrue(c.err().contains("listening: default device: s16le mono 16000 Hz"), c.err());
        checkSceneEvents(lines(c.out(), null));
        assertTrue(c.err().contains("audio dropped 0.00 s"), c.err());
    }

    @Test
    void sigtermClosesOpenEventsAndPrintsTheSummary() throws Exception {
        float[] tone = new float[RATE * 40];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.14 * Math.sin(2 * Math.PI * 1000 * i / RATE));
        }
        Path home = virtualMicHome("mic-tone", Signals.concat(noise(2, 5), tone));
        VirtualMic.Child c = child(Map.of("HOME", home.toString()), (p, stdout) -> {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline && !seesOnset(stdout)) {
                    Thread.sleep(100);
                }
                p.destroy(); // SIGTERM
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "listen", "--raw-labels", "--format", "jsonl", "--labels", "Beep, bleep", "--config", home.resolve("listen.yaml").toString());
        assertEquals(0, c.exit(), "a signal stops hark listen cleanly: " + c.out() + c.err());
        List<JsonNode> ev = lines(c.out(), null);
        assertEquals(List.of("onset", "offset"), ev.stream().map(e -> e.get("type").asText()).toList(), c.out());
        assertTrue(c.err().contains("summary: "), c.err());
        assertTrue(c.err().contains("events: Beep, bleep 1"), c.err());
        assertFalse(c.err().contains("Exception"), c.err());
    }

    /** Whether the child has printed an onset yet (its stdout goes to {@code stdout}). */
    private static boolean seesOnset(Path stdout) {
        try {
            return Files.readString(stdout).contains("\"onset\"");
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void noMicrophoneIsOneLineAndExitCode2() throws Exception {
        // an ALSA configuration that defines no device at all: what a machine without a microphone looks like
        Path empty = Files.createDirectories(dir.resolve("no-mic"));
        Path conf = Files.writeString(empty.resolve("alsa.conf"), "");
        VirtualMic.Child c = child(Map.of("HOME", empty.toString(), "ALSA_CONFIG_PATH", conf.toString()), null, "listen");
        assertEquals(ExitCodes.BAD_INPUT, c.exit(), c.err());
        assertEquals(1, c.err().lines().count(), c.err());
        assertTrue(c.err().startsWith("hark: no microphone: "), c.err());

        Path home = virtualMicHome("mic-index", noise(2, 6));
        VirtualMic.Child d = child(Map.of("HOME", home.toString()), null, "listen", "--device", "7");
        assertEquals(ExitCodes.BAD_INPUT, d.exit(), d.err());
        assertTrue(d.err().startsWith("hark: no capture device with index 7"), d.err());
    }
}
