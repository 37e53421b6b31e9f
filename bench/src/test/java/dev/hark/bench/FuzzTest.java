package dev.hark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.testkit.TestData;
import dev.hark.testkit.Tools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz suite CI runs: a few hundred seeded mutations per format through the real readers (in process, through
 * {@code Hark.run}), and a child JVM with a small heap for what only a real process shows: its stdout.
 * {@code -Dhark.fuzz.files=N} runs more; {@code hark-bench fuzz} is the long run.
 */
class FuzzTest {
    private static final int FILES_PER_FORMAT = Integer.getInteger("hark.fuzz.files", 200);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyMutatedFileIsReadOrRefusedInOneLineNamingIt() throws Exception {
        Tools.assumeSox();
        Map<Fuzzer.Format, byte[]> seeds = FuzzBenchCommand.seeds(TestData.shared(), dir, new PrintWriter(new StringWriter()));
        assertEquals(EnumSet.allOf(Fuzzer.Format.class), seeds.keySet(), "a seed for every format");
        Fuzzer.Report r;
        try (Fuzzer f = new Fuzzer(dir, seeds, 30_000)) {
            r = f.run(FILES_PER_FORMAT, 14);
        }
        StringWriter summary = new StringWriter();
        FuzzBenchCommand.print(new PrintWriter(summary, true), r);
        assertEquals(List.of(), r.failures(), summary.toString());
        for (Fuzzer.Format format : Fuzzer.Format.values()) {
            Map<Fuzzer.Outcome, Integer> c = r.counts().get(format);
            assertEquals(FILES_PER_FORMAT, c.values().stream().mapToInt(Integer::intValue).sum(), format.name());
            // the mutations really damage files (else this test proves nothing), and some still read
            int refused = c.getOrDefault(Fuzzer.Outcome.BAD_INPUT, 0) + c.getOrDefault(Fuzzer.Outcome.MODEL_PROBLEM, 0);
            // (MP3 decoders resynchronise past most damage: about a tenth of its mutations is refused)
            assertTrue(refused >= FILES_PER_FORMAT / 20, format + ": " + summary);
        }
        assertTrue(r.counts().values().stream().mapToInt(c -> c.getOrDefault(Fuzzer.Outcome.OK, 0)).sum()
                > FILES_PER_FORMAT, "some mutations still read: " + summary);
    }

    @Test
    void theChecksRefuseTracesSecondLinesAndMessagesNotNamingTheFile() throws Exception {
        Path f = dir.resolve("x.wav");
        assertNull(Fuzzer.oneLineNaming("hark: " + f + ": truncated WAV\n", f));
        assertNotNull(Fuzzer.oneLineNaming("hark: " + f + ": truncated WAV\n\tat dev.hark.X(X.java:1)\n", f));
        assertNotNull(Fuzzer.oneLineNaming("hark: truncated WAV\n", f));
        assertNotNull(Fuzzer.oneLineNaming("hark: " + f + ": Index 64 out of bounds for length 64\n", f));
        assertNotNull(Fuzzer.oneLineNaming("hark: " + f + ": Cannot read field \"tabn\" because \"t\" is null\n", f));
        assertNotNull(Fuzzer.oneLineNaming("hark: internal error: java.lang.IllegalArgumentException: Negative position\n", f));

        String[] problem = {null};
        Files.write(f, Fuzzer.wav(false));
        assertEquals(Fuzzer.Outcome.OK, Fuzzer.checkAudio(f, problem), problem[0]);
        Files.write(f, Fuzzer.wav(true));
        assertEquals(Fuzzer.Outcome.OK, Fuzzer.checkAudio(f, problem), problem[0]);
        Files.writeString(f, "not audio\n");
        assertEquals(Fuzzer.Outcome.BAD_INPUT, Fuzzer.checkAudio(f, problem), problem[0]);

        // a run of files: each judged on its own line, a bad one in the middle does not hide the next
        Path a = Files.write(dir.resolve("a.wav"), Fuzzer.wav(false));
        Path b = Files.write(dir.resolve("b.wav"), rf64WithHugeDs64());
        Path c = Files.write(dir.resolve("c.wav"), Fuzzer.wav(true));
        String[] problems = new String[3];
        assertEquals(List.of(Fuzzer.Outcome.OK, Fuzzer.Outcome.BAD_INPUT, Fuzzer.Outcome.OK),
                List.of(Fuzzer.checkAudio(List.of(a, b, c), problems)), String.join("; ", problems[0], problems[1], problems[2]));
    }

    /** The tester's file: RF64 with the data chunk before fmt and a ds64 data size of 2^63-1. */
    static byte[] rf64WithHugeDs64() {
        byte[] b = Fuzzer.wav(true);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(12 + 8 + 8, Long.MAX_VALUE);
        return b;
    }

    @Test
    void aChildJvmWithASmallHeapPrintsOnlyJsonlEvenWhenJflacWritesToSystemOut() throws Exception {
        Tools.assumeSox();
        Map<Fuzzer.Format, byte[]> seeds = FuzzBenchCommand.seeds(TestData.shared(), dir, new PrintWriter(new StringWriter()));
        // A damaged FLAC on which jflac prints ("readResidual elsecase, ...") to System.out: found by mutation.
        Path chatty = null;
        Random random = new Random(7);
        for (int i = 0; i < 5000 && chatty == null; i++) {
            Path p = dir.resolve("chatty-" + i + ".flac");
            Files.write(p, Mutator.mutate(seeds.get(Fuzzer.Format.FLAC), random));
            if (Fuzzer.libraryStdoutBytes(p) > 0) {
                chatty = p;
            } else {
                Files.delete(p);
            }
        }
        assertNotNull(chatty, "no mutation of the FLAC seed made jflac print");
        Path rf64 = Files.write(dir.resolve("huge-ds64.wav"), rf64WithHugeDs64());
        Path good = Files.write(dir.resolve("good.wav"), Fuzzer.wav(false));
        List<Path> mutated = new ArrayList<>();
        Random r = new Random(11);
        for (Fuzzer.Format f : List.of(Fuzzer.Format.MP3, Fuzzer.Format.OGG, Fuzzer.Format.FLAC, Fuzzer.Format.RF64)) {
            for (int i = 0; i < 5; i++) {
                mutated.add(Files.write(dir.resolve("m-" + f + "-" + i), Mutator.mutate(seeds.get(f), r)));
            }
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-cp", System.getProperty("java.class.path"), "dev.hark.app.Hark",
                "info", "--decode", "--format", "jsonl", chatty.toString(), rf64.toString(), good.toString()));
        mutated.forEach(p -> cmd.add(p.toString()));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "hark info did not finish");
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), stderr);
        List<String> files = new ArrayList<>(List.of(chatty.toString(), rf64.toString(), good.toString()));
        mutated.forEach(m -> files.add(m.toString()));
        List<String> reported = new ArrayList<>();
        for (String line : stdout.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);   // throws on anything that is not JSON: jflac's lines
            reported.add(n.get("file").asText());
        }
        for (String line : stderr.split("\n")) {
            assertTrue(line.startsWith("hark: ") && files.stream().anyMatch(f -> line.startsWith("hark: " + f + ": "))
                    && !line.contains("Exception") && !line.contains("internal error"), line);
            reported.add(files.stream().filter(f -> line.startsWith("hark: " + f + ": ")).findFirst().orElseThrow());
        }
        assertEquals(files.size(), reported.size(), "every file reported once:\n" + stdout + stderr);
        assertTrue(stderr.contains("hark: " + chatty + ": "), stderr);
        assertTrue(stderr.contains("hark: " + rf64 + ": "), stderr);
        assertTrue(reported.contains(good.toString()) && stdout.contains("\"file\":\"" + good + "\""), stdout);
    }
}
