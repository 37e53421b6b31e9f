package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.audio.AudioFiles;
import dev.hark.core.audio.WavWriter;
import dev.hark.testkit.Signals;
import dev.hark.testkit.TestData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
