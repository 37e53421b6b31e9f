package dev.hark.config.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenSettingsTest {
    @TempDir
    Path dir;

    @Test
    void defaults() {
        ListenSettings s = ListenSettings.defaults();
        assertNull(s.device());
        assertNull(s.input());
        assertTrue(s.reconnect());
        assertEquals(0.48, s.hopSeconds());
        assertEquals(48, s.hopFrames());
        assertEquals("yamnet", s.model());
        assertEquals(GateMode.BOTH, s.gate().mode());
        assertEquals(OutputFormat.TEXT, s.output().format());
        assertEquals(EventSettings.DEFAULT_THRESHOLD, s.events().thresholdFor("Dog"));
    }

    private static String error(Map<String, String> m) {
        return assertThrows(BadInputException.class, () -> ListenSettings.fromMap(m)).getMessage();
    }

    @Test
    void badValuesNameTheKeyAndTheValue() {
        assertEquals("bad value for gate.vad-mode: 4 (allowed 0 to 3)", error(Map.of("gate.vad-mode", "4")));
        assertEquals("bad value for model.hop-seconds: 'fast' is not a number",
                error(Map.of("model.hop-seconds", "fast")));
        assertTrue(error(Map.of("model.hop-seconds", "0.485")).startsWith("bad value for model.hop-seconds: 0.485"));
        assertTrue(error(Map.of("events.threshold", "1.5")).startsWith("bad value for events.threshold: 1.5"));
        assertTrue(error(Map.of("events.thresholds.Dog", "-1")).startsWith("bad value for events.thresholds.Dog: -1"));
        assertTrue(error(Map.of("gate.mode", "loud")).startsWith("bad value for gate.mode: 'loud'"));
        assertTrue(error(Map.of("output.format", "xml")).startsWith("bad value for output.format: 'xml'"));
        assertTrue(error(Map.of("source.reconnect", "maybe")).startsWith("bad value for source.reconnect: 'maybe'"));
        assertTrue(error(Map.of("events.onset-windows", "3", "events.onset-of", "2"))
                .startsWith("bad value for events.onset-windows: 3 (allowed 1 to 2)"));
        assertTrue(error(Map.of("gate.energy-threshold-dbfs", "NaN"))
                .startsWith("bad value for gate.energy-threshold-dbfs: NaN"));
        assertTrue(error(Map.of("gate.nonsense", "1")).startsWith("unknown setting 'gate.nonsense'"));
        for (String bad : List.of("3/2", "0/1", "2", "2/101", "two/three", "", "99999999999/3")) {
            assertEquals("bad value for events.onsets.dog: '" + bad + "' (K/N: K of the last N windows, "
                    + "1 <= K <= N <= 100)", error(Map.of("events.onsets.dog", bad)));
        }
        assertEquals("bad value for concepts.siren.onset: '4/3' (K/N: K of the last N windows, 1 <= K <= N <= 100)",
                error(Map.of("concepts.siren.onset", "4/3")));
    }

    @Test
    void onsetRulesPerNameAndPerConcept() throws Exception {
        Path f = dir.resolve("onsets.yaml");
        Files.writeString(f, """
                events:
                  onset-windows: 1
                  onsets:
                    siren: 2/2
                    crying_baby: " 2 / 3 "
                concepts:
                  alarm:
                    onset: 2/3
                """);
        ListenSettings s = ListenSettingsFile.load(f, Map.of());
        EventSettings e = s.events();
        assertEquals(new dev.hark.config.OnsetRule(2, 2), e.onsetFor("siren", null));
        assertEquals(new dev.hark.config.OnsetRule(2, 3), e.onsetFor("crying_baby", new dev.hark.config.OnsetRule(1, 1)),
                "the name's own rule wins over a concept's");
        assertEquals(new dev.hark.config.OnsetRule(1, 1), e.onsetFor("dog", null), "the general rule");
        assertEquals(new dev.hark.config.OnsetRule(2, 3), e.concepts().get("alarm").onset());
        assertEquals("2/3", s.toMap().get("events.onsets.crying_baby"));
        assertEquals("2/3", s.toMap().get("concepts.alarm.onset"));
        assertEquals(s, ListenSettings.fromMap(s.toMap()));
        assertEquals(e, e.toBuilder().build());
        assertEquals(e.labelOnsets(), EventSettings.builder().labelOnset("siren", new dev.hark.config.OnsetRule(2, 2))
                .labelOnset("crying_baby", new dev.hark.config.OnsetRule(2, 3)).build().labelOnsets());
    }

    @Test
    void buildersGiveTheFileFormsSettingsAndItsErrors() {
        ListenSettings built = ListenSettings.builder().device("1").hopSeconds(0.24)
                .gate(GateSettings.builder().mode(GateMode.ENERGY).energyThresholdDbfs(-45).build())
                .events(EventSettings.builder().labels("Dog", "Speech").labelThreshold("Dog", 0.4).onsetWindows(2)
                        .build())
                .output(OutputSettings.builder().format(OutputFormat.JSONL).build()).build();
        ListenSettings parsed = ListenSettings.fromMap(Map.of("source.device", "1", "model.hop-seconds", "0.24",
                "gate.mode", "energy", "gate.energy-threshold-dbfs", "-45", "events.labels", "Dog;Speech",
                "events.thresholds.Dog", "0.4", "events.onset-windows", "2", "output.format", "jsonl"));
        assertEquals(parsed, built);
        assertEquals(2, built.events().onsetOf(), "onset-of follows onset-windows when not given, as in a file");
        assertEquals(built, built.toBuilder().build());
        assertEquals(ListenSettings.defaults(), ListenSettings.builder().build());
        assertEquals(GateSettings.defaults(), GateSettings.builder().build());
        assertEquals(EventSettings.defaults(), EventSettings.builder().build());
        assertEquals(GateMode.OFF, GateSettings.defaults().withMode(GateMode.OFF).mode());

        // the same checks and messages as the file form
        for (Map.Entry<String, Runnable> bad : Map.<String, Runnable>of(
                "bad value for gate.vad-mode: 4 (allowed 0 to 3)", () -> GateSettings.builder().vadMode(4).build(),
                "bad value for events.threshold: 1.5 (allowed 0 to 1)",
                () -> EventSettings.builder().threshold(1.5).build(),
                "bad value for events.thresholds.Dog: -1 (allowed 0 to 1)",
                () -> EventSettings.builder().labelThreshold("Dog", -1).build(),
                "bad value for events.onset-windows: 3 (allowed 1 to 2)",
                () -> EventSettings.builder().onsetWindows(3).onsetOf(2).build(),
                "bad value for model.threads: 65 (allowed 0 to 64; 0 means every core)",
                () -> ListenSettings.builder().threads(65).build(),
                "bad value for output.status-interval-seconds: -1 (allowed 0 to 86400)",
                () -> OutputSettings.builder().statusIntervalSeconds(-1).build()).entrySet()) {
            assertEquals(bad.getKey(), assertThrows(BadInputException.class, bad.getValue()::run).getMessage());
        }
        assertEquals(error(Map.of("model.hop-seconds", "0.485")), assertThrows(BadInputException.class,
                () -> ListenSettings.builder().hopSeconds(0.485).build()).getMessage());
    }

    @Test
    void mapRoundTrip() {
        ListenSettings s = ListenSettings.fromMap(Map.of("gate.mode", "energy", "events.thresholds.Dog", "0.4",
                "events.labels", "Dog;Vehicle horn, car horn, honking", "output.format", "jsonl", "model.hop-seconds",
                "0.24", "source.device", "1", "output.record-dir", "/tmp/clips"));
        assertEquals(s, ListenSettings.fromMap(s.toMap()));
        assertEquals(List.of("Dog", "Vehicle horn, car horn, honking"), s.events().labels());
        assertEquals(0.4, s.events().thresholdFor("Dog"));
        assertEquals(24, s.hopFrames());
    }

    @Test
    void propertiesFileWithOverrides() throws Exception {
        Path f = dir.resolve("listen.properties");
        Files.writeString(f, """
                # a comment
                gate.mode = webrtc
                gate.vad-mode = 3
                events.threshold = 0.4
                events.thresholds.Speech = 0.8
                events.labels = Speech,Dog
                """);
        ListenSettings s = ListenSettingsFile.load(f, Map.of("gate.vad-mode", "1"));
        assertEquals(GateMode.WEBRTC, s.gate().mode());
        assertEquals(1, s.gate().vadMode(), "the command line wins");
        assertEquals(0.8, s.events().thresholdFor("Speech"));
        assertEquals(0.4, s.events().thresholdFor("Dog"));
        assertEquals(List.of("Speech", "Dog"), s.events().labels());
    }

    @Test
    void yamlFileNestedAndLists() throws Exception {
        Path f = dir.resolve("listen.yaml");
        Files.writeString(f, """
                gate:
                  mode: energy
                  energy-threshold-dbfs: -42.5
                  hangover-ms: 500
                events:
                  threshold: 0.25
                  onset-windows: 2
                  onset-of: 3
                  thresholds:
                    Dog: 0.6
                    "Vehicle horn, car horn, honking": 0.7
                  labels: [Dog, "Vehicle horn, car horn, honking"]
                output:
                  format: jsonl
                  windows: true
                """);
        ListenSettings s = ListenSettingsFile.load(f, Map.of());
        assertEquals(GateMode.ENERGY, s.gate().mode());
        assertEquals(-42.5, s.gate().energyThresholdDbfs());
        assertEquals(500, s.gate().hangoverMs());
        assertEquals(2, s.events().onsetWindows());
        assertEquals(3, s.events().onsetOf());
        assertEquals(0.7, s.events().thresholdFor("Vehicle horn, car horn, honking"));
        assertEquals(List.of("Dog", "Vehicle horn, car horn, honking"), s.events().labels());
        assertTrue(s.output().windows());
    }

    @Test
    void badFilesGiveOneLineErrors() throws Exception {
        Path yaml = dir.resolve("bad.yml");
        Files.writeString(yaml, "gate: [unclosed\n");
        String m = assertThrows(BadInputException.class, () -> ListenSettingsFile.load(yaml, Map.of())).getMessage();
        assertTrue(m.startsWith("config " + yaml + ": not valid YAML"), m);
        assertEquals(1, m.lines().count());

        Path badValue = dir.resolve("v.yaml");
        Files.writeString(badValue, "gate:\n  vad-mode: 9\n");
        m = assertThrows(BadInputException.class, () -> ListenSettingsFile.load(badValue, Map.of())).getMessage();
        assertTrue(m.startsWith("bad value for gate.vad-mode: 9"), m);

        m = assertThrows(BadInputException.class,
                () -> ListenSettingsFile.load(dir.resolve("none.yaml"), Map.of())).getMessage();
        assertTrue(m.endsWith("no such file"), m);
        Path txt = dir.resolve("x.txt");
        Files.writeString(txt, "a=1");
        m = assertThrows(BadInputException.class, () -> ListenSettingsFile.load(txt, Map.of())).getMessage();
        assertTrue(m.contains("unknown format"), m);
    }
}
