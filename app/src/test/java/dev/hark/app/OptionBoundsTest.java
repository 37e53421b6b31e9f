package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every numeric option of every command, driven with absurd values (negative, zero, huge): each is refused with
 * exit code 2 and one line naming the option and the value, quickly (before any model is opened or any file read).
 */
class OptionBoundsTest {
    @TempDir
    static Path tmp;
    static Path wav;
    static Path dataset;

    @BeforeAll
    static void files() throws IOException {
        wav = TinyData.tone(tmp);
        dataset = TinyData.twoClasses(tmp);
    }

    /** {name named in the message, the command line with the bad value}. */
    static Stream<Arguments> badValues() {
        List<Arguments> cases = new ArrayList<>();
        String w = wav.toString();
        String ds = dataset.toString();
        String out = tmp.resolve("never.npy").toString();
        for (String v : List.of("-1", "65", "100000", "2147483647")) {
            cases.add(Arguments.of("--threads", List.of("classify", w, "--threads", v)));
            cases.add(Arguments.of("--threads", List.of("embed", w, "--out", out, "--threads", v)));
            cases.add(Arguments.of("--threads", List.of("train", "--dataset", ds, "--out",
                    tmp.resolve("never.hark").toString(), "--threads", v)));
            cases.add(Arguments.of("--threads", List.of("evaluate", "--dataset", ds, "--threads", v)));
            cases.add(Arguments.of("--threads", List.of("cluster", "--dataset", ds, "--k", "2", "--threads", v)));
            cases.add(Arguments.of("model.threads", List.of("listen", "--input", w, "--threads", v)));
            cases.add(Arguments.of("--decode-threads", List.of("embed", w, "--out", out, "--decode-threads", v)));
            cases.add(Arguments.of("--decode-threads", List.of("evaluate", "--dataset", ds, "--decode-threads", v)));
        }
        // 0 is every core (the default) for --decode-threads as for --threads: the lowest value refused is -1
        cases.add(Arguments.of("--decode-threads", List.of("cluster", "--dataset", ds, "--k", "2", "--decode-threads", "-1")));
        for (String v : List.of("0", "-3", "1001", "2147483647")) {
            cases.add(Arguments.of("--top", List.of("classify", w, "--top", v)));
            cases.add(Arguments.of("--top", List.of("listen", "--input", w, "--top", v)));
        }
        for (String v : List.of("1", "0", "-1", "5", "100000", "2147483647")) {
            cases.add(Arguments.of("--k", List.of("cluster", "--dataset", ds, "--k", v)));
        }
        for (String v : List.of("1", "0", "-2", "5", "100000")) {
            cases.add(Arguments.of("--folds", List.of("evaluate", "--dataset", ds, "--folds", v)));
        }
        for (String v : List.of("0", "-1", "100001", "2147483647")) {
            cases.add(Arguments.of("--shots", List.of("evaluate", "--dataset", ds, "--shots", "1," + v)));
            cases.add(Arguments.of("--repeats", List.of("evaluate", "--dataset", ds, "--shots", "1", "--repeats", v)));
        }
        for (String v : List.of("0", "-0.48", "1e300", "NaN", "61")) {
            cases.add(Arguments.of("--hop", List.of("classify", w, "--hop", v)));
            cases.add(Arguments.of("model.hop-seconds", List.of("listen", "--input", w, "--hop", v)));
        }
        cases.add(Arguments.of("--hop", List.of("embed", w, "--out", out, "--hop", "1e300")));
        cases.add(Arguments.of("--hop", List.of("train", "--dataset", ds, "--out", tmp.resolve("h.hark").toString(),
                "--hop", "-1")));
        for (String v : List.of("61", "-21", "NaN", "1e300", "10,10")) {
            cases.add(Arguments.of("--augment-noise", List.of("train", "--dataset", ds, "--out",
                    tmp.resolve("n.hark").toString(), "--augment-noise", v)));
        }
        for (String v : List.of("1", "-41", "NaN", "-20,-20")) {
            cases.add(Arguments.of("--augment-levels", List.of("train", "--dataset", ds, "--out",
                    tmp.resolve("n.hark").toString(), "--augment-noise", "10", "--augment-levels", v)));
        }
        String[][] listen = {
            {"--duration", "source.duration-seconds", "-1"}, {"--duration", "source.duration-seconds", "1e300"},
            {"--hangover", "gate.hangover-ms", "-1"}, {"--hangover", "gate.hangover-ms", "2147483647"},
            {"--vad-mode", "gate.vad-mode", "-1"}, {"--vad-mode", "gate.vad-mode", "100000"},
            {"--threshold", "events.threshold", "-0.1"}, {"--threshold", "events.threshold", "1e300"},
            {"--energy-threshold", "gate.energy-threshold-dbfs", "1"},
            {"--energy-threshold", "gate.energy-threshold-dbfs", "-1e300"},
            {"--status-interval", "output.status-interval-seconds", "-1"},
            {"--status-interval", "output.status-interval-seconds", "1e300"},
        };
        for (String[] l : listen) {
            cases.add(Arguments.of(l[1], List.of("listen", "--input", w, l[0], l[2])));
        }
        String teachInto = tmp.resolve("never-taught").toString();
        for (String v : List.of("0", "-1", "1001", "2147483647")) {
            cases.add(Arguments.of("--examples", List.of("teach", "dog", "--examples", v, "--into", teachInto)));
        }
        for (String v : List.of("0", "-1", "3601", "1e300", "NaN")) {
            cases.add(Arguments.of("--seconds", List.of("teach", "--background", "--seconds", v, "--into", teachInto)));
        }
        for (String v : List.of("-0.1", "5.5", "1e300")) {
            cases.add(Arguments.of("--margin", List.of("teach", "dog", "--margin", v, "--into", teachInto)));
        }
        for (String v : List.of("0", "-1", "121")) {
            cases.add(Arguments.of("--max-seconds", List.of("teach", "dog", "--max-seconds", v, "--into", teachInto)));
        }
        cases.add(Arguments.of("source.duration-seconds", List.of("teach", "dog", "--duration", "-1", "--into",
                teachInto)));
        cases.add(Arguments.of("gate.energy-threshold-dbfs", List.of("teach", "dog", "--energy-threshold", "1",
                "--into", teachInto)));
        for (String v : List.of("-2", "13", "100000")) {
            cases.add(Arguments.of("--scale-decimals", List.of("models", "import-yamnet", w, "--out",
                    tmp.resolve("never.onnx").toString(), "--scale-decimals", v)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badValues")
    void anAbsurdValueIsOneLineAndExitCode2InBoundedTime(String name, List<String> args) throws IOException {
        refused(name, args);
    }

    /** Config-file keys: the same check and message, with the key named. */
    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("configValues")
    void anAbsurdSettingIsOneLineAndExitCode2(String name, List<String> args, String line) throws IOException {
        Files.writeString(Path.of(args.get(args.size() - 1)), line + "\n");
        refused(name, args);
    }

    static Stream<Arguments> configValues() {
        List<Arguments> cases = new ArrayList<>();
        String w = wav.toString();
        for (String[] kv : new String[][] {{"source.queue-seconds", "0"}, {"source.queue-seconds", "1e300"},
            {"output.pre-roll-seconds", "-1"}, {"output.pre-roll-seconds", "100000"}, {"events.onset-of", "0"},
            {"events.onset-of", "100000"}, {"events.cooldown-seconds", "-1"}, {"events.min-duration-seconds", "1e300"},
            {"events.offset-hangover-seconds", "-5"}, {"gate.noise-floor-margin-db", "1000"}}) {
            cases.add(Arguments.of(kv[0], List.of("listen", "--input", w, "--config",
                    tmp.resolve(kv[0] + "-" + kv[1] + ".properties").toString()), kv[0] + "=" + kv[1]));
        }
        return cases.stream();
    }

    private static void refused(String name, List<String> args) {
        Object[] r = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> HarkCommandTest.run(args.toArray(String[]::new)));
        String err = (String) r[2];
        assertEquals(ExitCodes.BAD_INPUT, r[0], err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("hark: bad value for " + name + ": "), err);
        assertTrue(err.contains("(allowed ") || err.contains("(expected a positive multiple"), err);
        assertFalse(((String) r[1]).contains("features:"), "no features were extracted: " + r[1]);
    }

    @Test
    void theBoundsAreInTheMessagesAndTheHelp() {
        Object[] k = HarkCommandTest.run("cluster", "--dataset", dataset.toString(), "--k", "5");
        assertEquals("hark: bad value for --k: 5 (allowed 2 to 4; at most the number of clips)\n", k[2]);
        Object[] folds = HarkCommandTest.run("evaluate", "--dataset", dataset.toString(), "--folds", "100000");
        assertEquals("hark: bad value for --folds: 100000 (allowed 2 to 4; at most the number of clips, 4)\n",
                folds[2]);
        Object[] top = HarkCommandTest.run("classify", wav.toString(), "--top", "0");
        assertEquals("hark: bad value for --top: 0 (allowed 1 to 1000)\n", top[2]);
        Object[] help = HarkCommandTest.run("cluster", "--help");
        assertTrue(((String) help[1]).contains("Number of clusters: 2 to the number of clips"), (String) help[1]);
    }
}
