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
 * {@code Hark.run}), a child JVM with a small heap for what only a real process shows (its stdout), and the model
 * formats (checkpoint, ONNX embedder, bundle) through their commands in a child JVM whose heap is small, so that a
 * file needing more memory than a model may fails, with a limit on each file's resident peak besides.
 * {@code -Dhark.fuzz.files=N} runs more; {@code hark-bench fuzz} is the long run.
 */
class FuzzTest {
    private static final int FILES_PER_FORMAT = Integer.getInteger("hark.fuzz.files", 200);
    /** The model formats: each file is a whole command (an import, an ONNX Runtime session), so fewer. */
    private static final int MODEL_FILES_PER_FORMAT = Integer.getInteger("hark.fuzz.modelFiles", 150);
    private static final EnumSet<Fuzzer.Format> MODEL_FORMATS =
            EnumSet.of(Fuzzer.Format.CKPT, Fuzzer.Format.ONNX, Fuzzer.Format.BUNDLE);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyMutatedFileIsReadOrRefusedInOneLineNamingIt() throws Exception {
        Tools.assumeSox();
        Map<Fuzzer.Format, byte[]> seeds = FuzzBenchCommand.seeds(TestData.shared(), dir, new PrintWriter(new StringWriter()));
        assertEquals(EnumSet.allOf(Fuzzer.Format.class), seeds.keySet(), "a seed for every format");
        seeds.keySet().removeAll(MODEL_FORMATS);   // the next test's
        Fuzzer.Report r;
        try (Fuzzer f = new Fuzzer(dir, seeds, 30_000)) {
            r = f.run(FILES_PER_FORMAT, 14);
        }
        StringWriter summary = new StringWriter();
        FuzzBenchCommand.print(new PrintWriter(summary, true), r);
        assertEquals(List.of(), r.failures(), summary.toString());
        for (Fuzzer.Format format : EnumSet.complementOf(MODEL_FORMATS)) {
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

    /**
     * The model formats through their commands, {@code hark-bench fuzz --formats CKPT,ONNX,BUNDLE} in a child JVM with
     * a 128 MB heap (a file that makes a reader allocate more dies of OutOfMemoryError: a failure) and a resident
     * limit per file of 1 GB (ONNX Runtime's native memory is outside the heap).
     */
    @Test
    void mutatedModelFilesThroughTheirCommandsInASmallHeap() throws Exception {
        Path work = Files.createDirectories(dir.resolve("models"));
        // The class path goes in an argument file: ONNX Runtime 1.29 crashes (SIGSEGV while creating its environment)
        // in a process whose command line is longer than about 4 KB, which surefire's class path alone exceeds.
        Path args = Files.writeString(dir.resolve("java.args"), "-cp " + System.getProperty("java.class.path") + "\n");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "@" + args, "dev.hark.bench.Bench", "fuzz",
                "--files", Integer.toString(MODEL_FILES_PER_FORMAT), "--seed", "14", "--formats", "CKPT,ONNX,BUNDLE",
                "--max-rss-mb", "1024", "--timeout-ms", "30000", "--shared", TestData.shared().toString(),
                "--dir", work.toString());
        Path out = dir.resolve("models-stdout");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectErrorStream(false)
                .redirectError(dir.resolve("models-stderr").toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "hark-bench fuzz did not finish");
        String stderr = Files.readString(dir.resolve("models-stderr"), StandardCharsets.UTF_8);
        String report = Files.readString(out, StandardCharsets.UTF_8) + stderr;
        assertEquals(0, p.exitValue(), report);
        // every command's own stderr was checked in the child; anything on the process's is a library writing there
        assertEquals("", stderr, "a library wrote to the process's stderr");
        for (Fuzzer.Format f : MODEL_FORMATS) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + f + " +(\\d+) files in .*?: +(\\d+) read, +"
                    + "(\\d+) bad input \\(exit 2\\), +(\\d+) model problem \\(exit 3\\), 0 failures; peak heap \\d+ MB, "
                    + "resident \\d+ MB$").matcher(report);
            assertTrue(m.find(), f + " line in:\n" + report);
            int read = Integer.parseInt(m.group(2));
            int refused = Integer.parseInt(m.group(3)) + Integer.parseInt(m.group(4));
            assertEquals(MODEL_FILES_PER_FORMAT, Integer.parseInt(m.group(1)), report);
            assertEquals(MODEL_FILES_PER_FORMAT, read + refused, report);
            // the mutations really damage the files, and some still load (else a check of success proves nothing)
            assertTrue(refused >= MODEL_FILES_PER_FORMAT / 5, f + ": " + report);
            assertTrue(read >= 1, f + ": " + report);
        }
        assertTrue(report.contains(", 0 failures\n"), report);
    }

    /**
     * Found by the long run (seed 20261202, checkpoint 133): a resealed checkpoint whose weights overflow to infinity
     * failed verification with a message naming the temporary output instead of the checkpoint.
     */
    @Test
    void aCheckpointWhoseWeightsOverflowIsRefusedNamingTheCheckpoint() throws Exception {
        byte[] seed = Files.readAllBytes(TestData.shared().resolve("models/vggish/testing/vggish_mini_random.ckpt"));
        Random r = new Random(20261202L * 31 + Fuzzer.Format.CKPT.ordinal());   // as Fuzzer.run draws them
        byte[] b = null;
        for (int i = 0; i <= 133; i++) {
            b = ModelFormats.mutateCheckpoint(seed, r);
        }
        Path f = Files.write(dir.resolve("overflow.ckpt"), b);
        String[] problem = {null};
        assertEquals(Fuzzer.Outcome.MODEL_PROBLEM, new ModelCommandCheck(dir).check(Fuzzer.Format.CKPT, f, problem),
                problem[0]);
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
