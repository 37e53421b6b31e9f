package dev.hark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.app.ExitCodes;
import dev.hark.core.audio.AudioFiles;
import dev.hark.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short real run of {@code hark-bench events} on a few ESC-50 clips: its report agrees with itself. */
class EventsBenchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Path dataset;

    /** A folder-per-class data set of two dog, two siren and three footsteps clips from ESC-50's dev folds. */
    @BeforeAll
    static void dataset() throws IOException {
        Path esc = TestData.assumePresent("datasets/esc50-dev");
        Map<String, List<String>> clips = Map.of(
                "dog", List.of("1-100032-A-0.ogg", "1-110389-A-0.ogg"),
                "siren", List.of("1-31482-A-42.ogg", "1-76831-A-42.ogg"),
                "footsteps", List.of("1-155858-A-25.ogg", "1-155858-B-25.ogg", "1-155858-C-25.ogg"));
        dataset = dir.resolve("ds");
        for (Map.Entry<String, List<String>> e : clips.entrySet()) {
            Path d = Files.createDirectories(dataset.resolve(e.getKey()));
            for (String f : e.getValue()) {
                Files.copy(esc.resolve("audio").resolve(f), d.resolve(f));
            }
        }
    }

    @Test
    void aShortRunReportsFiguresThatAgreeWithItsSoundsAndOnsets() throws IOException {
        Path report = dir.resolve("report");
        Object[] r = BenchTest.run("events", "--dataset", dataset.toString(), "--targets", "dog,siren",
                "--minutes", "1", "--snr", "10", "--match", "audioset", "--format", "jsonl", "--report",
                report.toString(), "--seed", "3");
        assertEquals(ExitCodes.OK, r[0], r[1] + "" + r[2]);
        String err = (String) r[2];
        assertTrue(err.contains("1 distractor categories"), err);
        List<JsonNode> lines = new ArrayList<>();
        for (String l : ((String) r[1]).strip().split("\n")) {
            lines.add(JSON.readTree(l));
        }
        assertEquals(4, lines.size(), "scene, dog, siren, overall: " + r[1]);
        JsonNode scene = lines.get(0);
        JsonNode overall = lines.get(3);
        assertEquals("scene", scene.get("type").asText());
        assertEquals("overall", overall.get("type").asText());

        List<String[]> sounds = rows(report.resolve("snr10-sounds.csv"));
        List<String[]> onsets = rows(report.resolve("snr10-onsets.csv"));
        assertEquals(scene.get("sounds").asInt(), sounds.size());
        assertEquals(scene.get("onsets").asInt(), onsets.size());
        assertEquals(60.0, AudioFiles.readMono16k(report.resolve("snr10-scene.wav")).length / 16000.0, 1e-9);

        Map<String, double[]> soundTimes = new HashMap<>();
        for (String[] s : sounds) {
            soundTimes.put(s[0], new double[] {Double.parseDouble(s[1]), Double.parseDouble(s[2])});
        }
        int sumSounds = 0;
        int sumFound = 0;
        int sumFalse = 0;
        for (JsonNode t : lines.subList(1, 3)) {
            String target = t.get("target").asText();
            long targetSounds = sounds.stream().filter(s -> s[4].equals(target)).count();
            long found = onsets.stream().filter(o -> o[3].equals(target) && o[4].equals("found")).count();
            long falseAlarms = onsets.stream().filter(o -> o[3].equals(target) && o[4].equals("false_alarm")).count();
            long lines3 = onsets.stream().filter(o -> o[3].equals(target) && !o[4].equals("false_alarm")).count();
            assertEquals(targetSounds, t.get("sounds").asInt(), target);
            assertEquals(found, t.get("found").asInt(), target);
            assertEquals(falseAlarms, t.get("falseAlarms").asInt(), target);
            assertEquals(lines3 / (double) targetSounds, t.get("linesPerSound").asDouble(), 1e-4, target);
            assertEquals(found / (double) targetSounds, t.get("recall").asDouble(), 1e-4, target);
            assertEquals(falseAlarms * 60.0, t.get("falseAlarmsPerHour").asDouble(), 1e-3, target);
            sumSounds += t.get("sounds").asInt();
            sumFound += t.get("found").asInt();
            sumFalse += t.get("falseAlarms").asInt();
        }
        assertEquals(sumSounds, overall.get("sounds").asInt());
        assertEquals(sumFound, overall.get("found").asInt());
        assertEquals(sumFalse, overall.get("falseAlarms").asInt());
        assertTrue(sumFound >= 1, "YAMNet hears a dog or a siren 10 dB above a quiet room: " + r[1]);
        assertEquals(sumFound / (double) (sumFound + sumFalse), overall.get("precision").asDouble(), 1e-4);
        // every onset counted as found lies in its sound's window, from 0.5 s before to 1.5 s after
        Map<String, String> soundCategory = new HashMap<>();
        for (String[] s : sounds) {
            soundCategory.put(s[0], s[5]);
        }
        for (String[] o : onsets) {
            double t = Double.parseDouble(o[0]);
            if (o[4].equals("found") || o[4].equals("extra")) {
                double[] s = soundTimes.get(o[5]);
                assertTrue(t >= s[0] - 0.5 - 1e-3 && t <= s[1] + 1.5 + 1e-3, String.join(",", o));
                assertEquals(soundCategory.get(o[5]), o[6], "what a matched onset fell in: " + String.join(",", o));
            } else {
                // what the onset fell in: the sound whose window holds it, else the room
                String in = "room";
                for (String[] s : sounds) {
                    if (t >= Double.parseDouble(s[1]) - 0.5 && t <= Double.parseDouble(s[2]) + 1.5) {
                        in = s[5];
                    }
                }
                assertEquals(in, o[6], String.join(",", o));
            }
        }
        // a target sound's found_seconds is the time of the onset that found it; a missed one's is empty
        long withFound = 0;
        for (String[] s : sounds) {
            if (!s[9].isEmpty()) {
                withFound++;
                assertTrue(onsets.stream().anyMatch(o -> o[4].equals("found") && o[5].equals(s[0])
                        && o[0].equals(s[9])), String.join(",", s));
            }
        }
        assertEquals(sumFound, withFound);
    }

    @Test
    void aListenConfigReplacesListensDefaults() throws IOException {
        String[] run = {"events", "--dataset", dataset.toString(), "--targets", "dog,siren", "--minutes", "1",
            "--snr", "10", "--format", "jsonl", "--seed", "3"};
        Object[] byDefault = BenchTest.run(run);
        assertEquals(ExitCodes.OK, byDefault[0], byDefault[1] + "" + byDefault[2]);
        assertTrue(overall((String) byDefault[1]).get("found").asInt() > 0, (String) byDefault[1]);

        Path config = dir.resolve("speech-only.properties");
        Files.writeString(config, "events.labels = speech\ngate.mode = off\n");
        String[] withConfig = java.util.Arrays.copyOf(run, run.length + 2);
        withConfig[run.length] = "--config";
        withConfig[run.length + 1] = config.toString();
        Object[] r = BenchTest.run(withConfig);
        assertEquals(ExitCodes.OK, r[0], r[1] + "" + r[2]);
        assertTrue(((String) r[2]).contains("detector: hark listen with --config " + config), (String) r[2]);
        assertEquals(0, overall((String) r[1]).get("found").asInt(), "only speech is tracked: " + r[1]);

        Files.writeString(config, "gate.mode = loudest\n");
        r = BenchTest.run(withConfig);
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        String err = ((String) r[2]).strip();
        assertTrue(err.startsWith("hark: ") && err.contains("gate.mode") && err.contains(config.toString())
                && !err.contains("\n"), err);
    }

    private static JsonNode overall(String jsonl) throws IOException {
        String[] lines = jsonl.strip().split("\n");
        JsonNode last = JSON.readTree(lines[lines.length - 1]);
        assertEquals("overall", last.get("type").asText(), jsonl);
        return last;
    }

    @Test
    void aTargetTheDataSetHasNoClipsOfIsOneLineAndExitCode2() {
        Object[] r = BenchTest.run("events", "--dataset", dataset.toString(), "--targets", "dog,baby_cry",
                "--minutes", "1");
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertEquals("hark: target baby_cry: the data set " + dataset + " has no category 'crying_baby'; name one "
                + "with --map baby_cry=CATEGORY", ((String) r[2]).strip());
        r = BenchTest.run("events", "--dataset", dataset.toString(), "--targets", "dog", "--distractors", "snoring");
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertTrue(((String) r[2]).startsWith("hark: --distractors: the data set "), (String) r[2]);
        r = BenchTest.run("events", "--dataset", dataset.toString(), "--snr", "100");
        assertEquals("hark: bad value for --snr: 100 (allowed -30 to 60)", ((String) r[2]).strip());
    }

    /** The rows of a CSV file, without its header. */
    private static List<String[]> rows(Path csv) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(csv))) {
            for (CSVRecord rec : p) {
                out.add(rec.values());
            }
        }
        return out;
    }
}
