package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.core.audio.AudioFiles;
import dev.hark.core.audio.WavWriter;
import dev.hark.importers.vggish.VggishImporter;
import dev.hark.models.catalog.UserModelDir;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import dev.hark.models.head.AudioSetHead;
import dev.hark.models.pipeline.WindowAnalyzer;
import dev.hark.models.pipeline.WindowResult;
import dev.hark.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hark classify} end to end (in-process), and the refusal of corrupt models by the real commands. */
class ClassifyCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @AfterEach
    void clearUserDir() {
        System.clearProperty(UserModelDir.PROPERTY);
    }

    static float[] tones(double seconds) {
        float[] s = new float[(int) (seconds * 16000)];
        for (int i = 0; i < s.length; i++) {
            double t = i / 16000.0;
            s[i] = (float) (t < seconds / 2 ? 0.4 * Math.signum(Math.sin(2 * Math.PI * 440 * t))
                    : 0.4 * Math.sin(2 * Math.PI * 1000 * t));
        }
        return s;
    }

    static Object[] run(String... args) {
        return HarkCommandTest.run(args);
    }

    static List<JsonNode> jsonLines(String out) throws Exception {
        List<JsonNode> l = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                l.add(JSON.readTree(line));
            }
        }
        return l;
    }

    @Test
    void jsonlHasOneLinePerWindowThenASummaryWithTheAnalyzersScores() throws Exception {
        Path wav = tmp.resolve("tones.wav");
        WavWriter.writePcm16(wav, tones(3.0), 16000);
        Object[] r = run("classify", "--raw-labels", "--format", "jsonl", "--top", "5", "--threads", "1", wav.toString());
        assertEquals(0, r[0], (String) r[2]);
        List<JsonNode> lines = jsonLines((String) r[1]);
        // 3 s: 298 frames, windows every 48: 1 + (298 - 96) / 48 = 5, then the summary
        assertEquals(6, lines.size(), (String) r[1]);
        List<WindowResult> want;
        try (Embedder y = Embedders.open("yamnet", 1)) {
            want = WindowAnalyzer.builder(y).classifier(AudioSetHead.of(y)).build().analyze(AudioFiles.readMono16k(wav));
            List<String> labels = y.labels();
            double[] mean = new double[labels.size()];
            for (int w = 0; w < 5; w++) {
                JsonNode n = lines.get(w);
                assertEquals("window", n.get("type").asText());
                assertEquals(w, n.get("index").asInt());
                assertTrue(n.get("ran").asBoolean());
                assertEquals(wav.toString(), n.get("file").asText());
                assertEquals(0.48 * w, n.get("start").asDouble(), 1e-9);
                assertEquals(0.48 * w + 0.975, n.get("end").asDouble(), 1e-9);
                assertFalse(n.has("padded"));
                assertEquals(5, n.get("labels").size());
                float[] s = want.get(w).scores();
                for (int i = 0; i < labels.size(); i++) {
                    mean[i] += s[i] / 5.0;
                }
                double prev = 2;
                for (JsonNode l : n.get("labels")) {
                    int idx = labels.indexOf(l.get("label").asText());
                    assertEquals(s[idx], (float) l.get("score").asDouble(), 0.0f, "printed score is the float");
                    assertTrue(l.get("score").asDouble() <= prev);
                    prev = l.get("score").asDouble();
                }
            }
            JsonNode sum = lines.get(5);
            assertEquals("summary", sum.get("type").asText());
            assertEquals(wav.toString(), sum.get("file").asText());
            assertEquals(5, sum.get("windows").asInt());
            assertEquals(3.0, sum.get("duration").asDouble(), 1e-9);
            assertFalse(sum.get("padded").asBoolean());
            JsonNode first = sum.get("labels").get(0);
            int best = 0;
            for (int i = 1; i < mean.length; i++) {
                best = mean[i] > mean[best] ? i : best;
            }
            assertEquals(labels.get(best), first.get("label").asText());
            assertEquals(mean[best], first.get("score").asDouble(), 1e-6);
        }
    }

    @Test
    void shortFileIsPaddedAndSaysSoInBothFormats() throws Exception {
        Path wav = tmp.resolve("short.wav");
        WavWriter.writePcm16(wav, tones(0.4), 16000);
        Object[] t = run("classify", "--raw-labels", "--threads", "1", wav.toString());
        assertEquals(0, t[0], (String) t[2]);
        String text = (String) t[1];
        assertTrue(text.contains("padded with silence"), text);
        assertEquals(3, text.split("\n").length, text);
        Object[] j = run("classify", "--raw-labels", "--format", "jsonl", "--threads", "1", wav.toString());
        List<JsonNode> lines = jsonLines((String) j[1]);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).get("padded").asBoolean());
        assertEquals("summary", lines.get(1).get("type").asText());
        assertTrue(lines.get(1).get("padded").asBoolean());
    }

    @Test
    void badFileIsOneLineAndTheOthersStillRunThenExit2() throws Exception {
        Path good = tmp.resolve("good.wav");
        WavWriter.writePcm16(good, tones(1.5), 16000);
        Path bad = tmp.resolve("bad.wav");
        Files.writeString(bad, "RIFF....WAVEnot really");
        Path missing = tmp.resolve("missing.wav");
        Object[] r = run("classify", "--threads", "1", bad.toString(), good.toString(), missing.toString());
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        String err = (String) r[2];
        String[] errLines = err.strip().split("\n");
        assertEquals(2, errLines.length, err);
        assertTrue(errLines[0].startsWith("hark: ") && errLines[0].contains("bad.wav"), err);
        assertTrue(errLines[1].contains("missing.wav"), err);
        assertTrue(((String) r[1]).contains("good.wav"), (String) r[1]);
        assertTrue(((String) r[1]).contains("summary"), (String) r[1]);
    }

    @Test
    void absurdOptionsAreUsageErrors() throws Exception {
        Path wav = tmp.resolve("a.wav");
        WavWriter.writePcm16(wav, tones(1.0), 16000);
        for (String[] args : new String[][] {{"--hop", "0.005"}, {"--hop", "-1"}, {"--top", "0"},
                {"--format", "xml"}, {"--model", "nosuchmodel"}, {"--threads", "-2"}}) {
            List<String> a = new ArrayList<>(List.of("classify"));
            a.addAll(List.of(args));
            a.add(wav.toString());
            Object[] r = run(a.toArray(String[]::new));
            assertEquals(ExitCodes.BAD_INPUT, r[0], String.join(" ", args) + ": " + r[2]);
            assertTrue(((String) r[2]).startsWith("hark: "), (String) r[2]);
        }
        Object[] r = run("classify", "--hop", "0.333", wav.toString());
        assertEquals("hark: bad value for --hop: 0.333 (expected a positive multiple of 0.01 s, at most 60 s)\n", r[2]);
        r = run("classify", "--threads", "65", wav.toString());
        assertEquals("hark: bad value for --threads: 65 (allowed 0 to 64; 0 means every core)\n", r[2]);
    }

    @Test
    void hopOptionSetsTheWindowGrid() throws Exception {
        Path wav = tmp.resolve("h.wav");
        WavWriter.writePcm16(wav, tones(2.0), 16000);
        Object[] r = run("classify", "--raw-labels", "--format", "jsonl", "--hop", "0.25", "--threads", "1", wav.toString());
        List<JsonNode> lines = jsonLines((String) r[1]);
        // 2 s: 198 frames; 1 + (198 - 96) / 25 = 5 windows
        assertEquals(6, lines.size());
        assertEquals(0.25, lines.get(1).get("start").asDouble(), 1e-12);
    }

    @Test
    void vggishWithoutClassifierIsAUsageError() throws Exception {
        Path onnx = tmp.resolve("vggish-mini.onnx");
        VggishImporter.importFile(TestData.shared("models/vggish/testing/vggish_mini_random.pth"),
                new VggishImporter.Options(onnx, false));
        Path wav = tmp.resolve("v.wav");
        WavWriter.writePcm16(wav, tones(1.0), 16000);
        Object[] r = run("classify", "--raw-labels", "--model", onnx.toString(), wav.toString());
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertTrue(((String) r[2]).contains("no labels"), (String) r[2]);
        assertEquals(1, ((String) r[2]).strip().split("\n").length);
    }

    @Test
    void yamnetCopyWithOneFlippedByteIsRefusedWithExit3() throws Exception {
        byte[] bytes = Files.readAllBytes(TestData.shared("models/yamnet/yamnet.onnx"));
        bytes[bytes.length / 3] ^= 0x10;
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.write(home.resolve("yamnet.onnx"), bytes);
        Path wav = tmp.resolve("c.wav");
        WavWriter.writePcm16(wav, tones(1.0), 16000);

        Object[] byPath = run("classify", "--raw-labels", "--model", home.resolve("yamnet.onnx").toString(), wav.toString());
        assertEquals(ExitCodes.MODEL_PROBLEM, byPath[0]);
        assertTrue(((String) byPath[2]).contains("corrupt"), (String) byPath[2]);

        System.setProperty(UserModelDir.PROPERTY, home.toString());
        Object[] byName = run("classify", "--raw-labels", wav.toString());
        assertEquals(ExitCodes.MODEL_PROBLEM, byName[0]);
        String err = (String) byName[2];
        assertTrue(err.contains("corrupt") && err.contains(home.resolve("yamnet.onnx").toString()), err);
        assertEquals(1, err.strip().split("\n").length, err);

        Object[] verify = run("models", "verify");
        assertEquals(ExitCodes.MODEL_PROBLEM, verify[0]);
        assertTrue(((String) verify[1]).contains("yamnet/yamnet.onnx") && ((String) verify[1]).contains("CORRUPT"),
                (String) verify[1]);
        Object[] list = run("models", "list");
        assertEquals(ExitCodes.OK, list[0]);
        assertTrue(((String) list[1]).startsWith("yamnet (default): CORRUPT"), (String) list[1]);
    }

    @Test
    void listAndVerifyOnAnIntactInstallation() {
        Object[] list = run("models", "list");
        assertEquals(ExitCodes.OK, list[0]);
        String out = (String) list[1];
        assertTrue(out.startsWith("yamnet (default): ready"), out);
        assertTrue(out.contains("yamnet.onnx            intact"), out);
        Object[] verify = run("models", "verify");
        assertEquals(ExitCodes.OK, verify[0], (String) verify[2]);
        assertTrue(((String) verify[1]).contains("0 bad"), (String) verify[1]);
    }

    @Test
    void missingModelNamesWhereHarkLookedAndHowToGetIt() throws Exception {
        System.setProperty(UserModelDir.PROPERTY, tmp.toString());
        Path wav = tmp.resolve("m.wav");
        WavWriter.writePcm16(wav, tones(1.0), 16000);
        Object[] r = run("classify", "--model", "vggish", wav.toString());
        assertEquals(ExitCodes.MODEL_PROBLEM, r[0]);
        String err = (String) r[2];
        assertTrue(err.contains("vggish.onnx") && err.contains(tmp.toString()) && err.contains("import-vggish"), err);
    }

    @Test
    void importedVggishIsVerifiedByLoadingAndAGarbageOneIsBad() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("hv"));
        VggishImporter.importFile(TestData.shared("models/vggish/testing/vggish_mini_random.pth"),
                new VggishImporter.Options(home.resolve("vggish.onnx"), false));
        System.setProperty(UserModelDir.PROPERTY, home.toString());
        Object[] ok = run("models", "verify");
        assertEquals(ExitCodes.OK, ok[0], (String) ok[2]);
        assertTrue(((String) ok[1]).contains("vggish/vggish.onnx             OK       no catalogue checksum"), (String) ok[1]);
        assertTrue(((String) run("models", "list")[1]).contains("vggish: ready"));

        Files.writeString(home.resolve("vggish.onnx"), "garbage");
        Object[] bad = run("models", "verify");
        assertEquals(ExitCodes.MODEL_PROBLEM, bad[0]);
        assertTrue(((String) bad[2]).contains("cannot load model " + home.resolve("vggish.onnx")), (String) bad[2]);
    }
}
