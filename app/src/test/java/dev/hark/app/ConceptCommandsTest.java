package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.audio.AudioFiles;
import dev.hark.core.audio.WavWriter;
import dev.hark.testkit.Signals;
import dev.hark.testkit.TestData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hark labels}, {@code hark calibrate} and concept events in {@code hark listen}, run in-process. */
class ConceptCommandsTest {
    @TempDir
    static Path dir;

    static Object[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Hark.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Object[] {code, out.toString(), err.toString()};
    }

    @Test
    void labelsListsEveryAudioSetClassWithItsConceptAndTheConceptsWithTheirThresholds() {
        Object[] r = run("labels");
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        String out = (String) r[1];
        assertTrue(out.startsWith("521 labels"), out.lines().findFirst().orElse(""));
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s*\\d+\\s+Bark\\s+dog")), "Bark belongs to dog");
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s*\\d+\\s+Animal\\s+-")), "Animal makes no event");
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s*\\d+\\s+Silence\\s+-")), "Silence makes no event");
        r = run("labels", "--concepts");
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        String concepts = (String) r[1];
        assertTrue(concepts.lines().anyMatch(l -> l.startsWith("dog ") && l.contains("Bark")), concepts);
        assertTrue(concepts.lines().anyMatch(l -> l.startsWith("loud ") && l.contains(" no ")), concepts);
        assertTrue(concepts.lines().count() > 25, concepts);
    }

    @Test
    void anUnknownConceptInListenIsOneLinePointingToHarkLabels() throws Exception {
        Path quiet = dir.resolve("quiet.wav");
        WavWriter.writePcm16(quiet, Signals.noise(1.5, -70, 1), Signals.RATE_HZ);
        Object[] r = run("listen", "--input", quiet.toString(), "--labels", "dgo");
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        String err = (String) r[2];
        assertTrue(err.contains("unknown concept 'dgo'") && err.contains("hark labels"), err);
        assertEquals(1, err.strip().lines().count(), err);
    }

    @Test
    void anUnknownLabelInServeCalibrateAndRawListenPointsToHarkLabelsToo() throws Exception {
        Path quiet = dir.resolve("quiet-serve.wav");
        WavWriter.writePcm16(quiet, Signals.noise(1.5, -70, 1), Signals.RATE_HZ);
        Object[] r = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> run("serve", "--input", quiet.toString(),
                "--labels", "dgo", "--port", "0", "--store", dir.resolve("serve/events.db").toString(), "--clips",
                dir.resolve("serve/clips").toString()));
        assertEquals(ExitCodes.BAD_INPUT, r[0], (String) r[2]);
        assertOneLinePointingToLabels((String) r[2], "unknown concept 'dgo'");

        r = run("listen", "--input", quiet.toString(), "--raw-labels", "--labels", "Dgo");
        assertEquals(ExitCodes.BAD_INPUT, r[0], (String) r[2]);
        assertOneLinePointingToLabels((String) r[2], "unknown label 'Dgo'");

        Path cal = Files.createDirectories(dir.resolve("cal-unknown/dgo"));
        Path others = Files.createDirectories(dir.resolve("cal-unknown-others"));
        Files.copy(quiet, cal.resolve("a.wav"));
        Files.copy(quiet, others.resolve("b.wav"));
        r = run("calibrate", cal.toString(), "--others", others.toString(), "-o",
                dir.resolve("cal-unknown.properties").toString());
        assertEquals(ExitCodes.BAD_INPUT, r[0], (String) r[2]);
        assertOneLinePointingToLabels((String) r[2], "unknown concept 'dgo'");
    }

    private static void assertOneLinePointingToLabels(String err, String what) {
        assertTrue(err.contains(what) && err.contains("'hark labels"), err);
        assertEquals(1, err.strip().lines().count(), err);
    }

    /**
     * A head trained on labels longer than any default column: {@code hark labels} and {@code hark listen} widen their
     * columns to them, so every row's next column starts at the same place.
     */
    @Test
    void longLabelsOfATrainedHeadKeepTheColumnsOfLabelsAndListen() throws Exception {
        String low = "low_tones_of_a_test_head_with_a_label_longer_than_any_default_column";
        String high = "high";
        Path data = dir.resolve("long-labels");
        for (String label : List.of(low, high)) {
            Path d = Files.createDirectories(data.resolve(label));
            for (int i = 0; i < 3; i++) {
                WavWriter.writePcm16(d.resolve("clip" + i + ".wav"),
                        Signals.sine(label.equals(low) ? 300 + 10 * i : 3000 + 10 * i, 2.0, -20), Signals.RATE_HZ);
            }
        }
        Path head = dir.resolve("long.hark");
        Object[] r = run("train", "--dataset", data.toString(), "--out", head.toString(), "--cache",
                dir.resolve("cache").toString());
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);

        r = run("labels", "--classifier", head.toString());
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        List<String> rows = ((String) r[1]).lines().skip(1).toList();
        assertEquals(2, rows.size(), (String) r[1]);
        java.util.Set<Integer> conceptColumn = new java.util.TreeSet<>();
        for (String row : rows) {
            String label = row.contains(low) ? low : high;
            int first = row.indexOf(label);
            int second = row.lastIndexOf(label); // a head's label is its own event name
            assertTrue(second > first + label.length(), "two columns: " + row);
            conceptColumn.add(second);
        }
        assertEquals(1, conceptColumn.size(), "the event names in one column: " + r[1]);

        r = run("labels", "--classifier", head.toString(), "--concepts");
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        rows = ((String) r[1]).lines().skip(1).toList();
        assertEquals(2, rows.size(), (String) r[1]);
        assertTrue(rows.stream().allMatch(l -> l.matches("\\S+ +0\\.\\d\\d  yes  \\S+")), (String) r[1]);
        assertEquals(1, rows.stream().map(l -> l.indexOf(" 0.")).distinct().count(), "thresholds in one column: " + r[1]);

        Path scene = dir.resolve("low-then-high.wav");
        float[] a = Signals.sine(300, 3.0, -20);
        float[] b = Signals.sine(3000, 3.0, -20);
        float[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        WavWriter.writePcm16(scene, both, Signals.RATE_HZ);
        r = run("listen", "--input", scene.toString(), "--classifier", head.toString());
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        List<String> events = ((String) r[1]).lines().toList();
        assertTrue(events.stream().anyMatch(l -> l.contains(low)) && events.stream().anyMatch(l -> l.contains(" high ")),
                "both labels heard: " + r[1]);
        java.util.Set<Integer> scoreColumn = new java.util.TreeSet<>();
        for (String l : events) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("  (onset |offset) +\\S+ +(\\d\\.\\d\\d)  \\(")
                    .matcher(l);
            assertTrue(m.find(), l);
            scoreColumn.add(m.start(2));
        }
        assertEquals(1, scoreColumn.size(), "every score in one column: " + r[1]);
    }

    @Test
    void calibrateWritesAConfigThatChangesListensThreshold() throws Exception {
        float[] dog = AudioFiles.readMono16k(TestData.dogClip());
        Path dogs = Files.createDirectories(dir.resolve("dog"));
        Path others = Files.createDirectories(dir.resolve("others"));
        WavWriter.writePcm16(dogs.resolve("dog1.wav"), dog, Signals.RATE_HZ);
        WavWriter.writePcm16(dogs.resolve("dog2.wav"), Signals.concat(Signals.noise(1, -70, 3), dog), Signals.RATE_HZ);
        WavWriter.writePcm16(others.resolve("tone.wav"), Signals.sine(440, 3, -20), Signals.RATE_HZ);
        WavWriter.writePcm16(others.resolve("noise.wav"), Signals.noise(3, -30, 4), Signals.RATE_HZ);
        Path config = dir.resolve("calibrated.properties");
        Object[] r = run("calibrate", dogs.toString(), "--others", others.toString(), "--output", config.toString(),
                "--max-false-alarms", "0");
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        List<String> lines = Files.readAllLines(config);
        String line = lines.stream().filter(l -> l.startsWith("events.thresholds.dog = ")).findFirst().orElseThrow();
        double threshold = Double.parseDouble(line.substring(line.indexOf('=') + 1).strip());
        assertTrue(threshold >= 0.05 && threshold <= 0.95, line);

        // listen reads it: a config that puts the dog's threshold above what the clip scores silences it
        Path clip = dogs.resolve("dog1.wav");
        Object[] before = run("listen", "--input", clip.toString(), "--labels", "dog", "--config", config.toString());
        assertEquals(ExitCodes.OK, before[0], (String) before[2]);
        assertTrue(((String) before[1]).contains("onset   dog"), (String) before[1]);
        Path strict = dir.resolve("strict.properties");
        Files.writeString(strict, String.join("\n", lines).replace(line, "events.thresholds.dog = 0.99") + "\n");
        Object[] after = run("listen", "--input", clip.toString(), "--labels", "dog", "--config", strict.toString());
        assertEquals(ExitCodes.OK, after[0], (String) after[2]);
        assertFalse(((String) after[1]).contains("onset"), (String) after[1]);
    }

    @Test
    void calibrateTriesOnsetRulesAndWritesTheOneThatKeepsTheMostRecall() throws Exception {
        float[] dog = AudioFiles.readMono16k(TestData.dogClip());
        Path dogs = Files.createDirectories(dir.resolve("onsets/dog"));
        Path others = Files.createDirectories(dir.resolve("onsets/others"));
        WavWriter.writePcm16(dogs.resolve("dog1.wav"), dog, Signals.RATE_HZ);
        WavWriter.writePcm16(others.resolve("noise.wav"), Signals.noise(3, -30, 4), Signals.RATE_HZ);
        Path config = dir.resolve("onsets.properties");
        // 20 of 20 windows never happen in a 5 s clip: no recall at any threshold, so 1/1 is kept, listed first or not
        for (String rules : List.of("20/20,1/1", "1/1,20/20")) {
            Object[] r = run("calibrate", dogs.toString(), "--others", others.toString(), "--output", config.toString(),
                    "--onsets", rules);
            assertEquals(ExitCodes.OK, r[0], (String) r[2]);
            assertTrue(((String) r[1]).lines().anyMatch(l -> l.matches("dog +0\\.\\d\\d +1\\.000 +0 +0\\.0 +1/1")),
                    (String) r[1]);
            List<String> lines = Files.readAllLines(config);
            assertTrue(lines.contains("events.onsets.dog = 1/1"), lines.toString());
            assertTrue(lines.contains("# onset rules tried: " + rules.replace(",", ", ")
                    + "; per concept the one whose threshold keeps the most recall"), lines.toString());
        }
        // listen reads the rule back: the same file with 20/20 silences the dog
        Path clip = dogs.resolve("dog1.wav");
        Object[] before = run("listen", "--input", clip.toString(), "--config", config.toString());
        assertTrue(((String) before[1]).contains("onset   dog"), (String) before[1]);
        Path strict = dir.resolve("onsets-strict.properties");
        Files.writeString(strict, Files.readString(config).replace("events.onsets.dog = 1/1", "events.onsets.dog = 20/20"));
        Object[] after = run("listen", "--input", clip.toString(), "--config", strict.toString());
        assertEquals(ExitCodes.OK, after[0], (String) after[2]);
        assertFalse(((String) after[1]).contains("onset"), (String) after[1]);
        // without --onsets, no rule is written (the concept's own applies)
        Object[] plain = run("calibrate", dogs.toString(), "--others", others.toString(), "--output",
                config.toString());
        assertEquals(ExitCodes.OK, plain[0], (String) plain[2]);
        assertFalse(Files.readString(config).contains("events.onsets."), Files.readString(config));

        for (String[] bad : List.of(new String[] {"2/1", "bad value for --onsets: '2/1' (K/N: K of the last N windows, "
                + "1 <= K <= N <= 100)"}, new String[] {"1/1,2/2,1/1", "bad value for --onsets: 1/1 is given twice"})) {
            Object[] r = run("calibrate", dogs.toString(), "--others", others.toString(), "--output",
                    dir.resolve("never.properties").toString(), "--onsets", bad[0]);
            assertEquals(ExitCodes.BAD_INPUT, r[0], (String) r[2]);
            assertEquals("hark: " + bad[1], ((String) r[2]).strip());
            assertFalse(Files.exists(dir.resolve("never.properties")));
        }
    }
}
