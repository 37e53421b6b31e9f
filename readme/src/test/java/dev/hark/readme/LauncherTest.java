package dev.hark.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code hark} launcher the build puts beside hark.jar: found through a symlink, passing arguments and
 * {@code HARK_JAVA_OPTS} on, and {@code hark bench} / {@code hark spark} saying clearly when their jar is not built.
 * It runs a copy of the built launcher in a tree of its own (hark.jar linked in), so the real tree's bench jar
 * cannot hide the "not built" case.
 */
class LauncherTest {
    @TempDir
    Path tmp;

    private static Path project() {
        return Path.of(System.getProperty("hark.project.dir", "..")).toAbsolutePath().normalize();
    }

    /** {exit code, output} of {@code command} with {@code env} added. */
    private static Object[] run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("HARK_JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " finished");
        return new Object[] {p.exitValue(), out};
    }

    @Test
    void runsTheJarBesideItThroughASymlinkAndSaysWhatIsNotBuilt() throws Exception {
        Path built = project().resolve("app/target/hark");
        assertTrue(Files.isExecutable(built), "the build makes an executable " + built);
        Path tree = tmp.toRealPath().resolve("checkout");
        Path target = Files.createDirectories(tree.resolve("app/target"));
        Files.copy(built, target.resolve("hark"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Files.createSymbolicLink(target.resolve("hark.jar"), project().resolve("app/target/hark.jar"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("hark"), target.resolve("hark"));

        Object[] r = run(Map.of(), link.toString(), "--version");
        assertEquals(0, r[0], (String) r[1]);
        assertTrue(((String) r[1]).startsWith("hark "), (String) r[1]);
        r = run(Map.of(), link.toString(), "info", "no such file.wav");
        assertEquals(2, r[0], (String) r[1]);
        assertEquals("hark: no such file.wav: no such file\n", r[1], "an argument with a space stays one argument");

        // HARK_JAVA_OPTS reaches the JVM: a bad flag makes java itself refuse to start
        r = run(Map.of("HARK_JAVA_OPTS", "-XX:+NoSuchJvmFlagAtAll"), link.toString(), "--version");
        assertTrue(((String) r[1]).contains("NoSuchJvmFlagAtAll"), (String) r[1]);
        assertTrue((int) r[0] != 0);
        r = run(Map.of("HARK_JAVA_OPTS", "-Xss2m -Dhark.unused=1"), link.toString(), "--version");
        assertEquals(0, r[0], (String) r[1]);
        // the launcher's own collector is the serial one; a collector of the user's replaces the launcher's serial one (java refuses two)
        r = run(Map.of("HARK_JAVA_OPTS", "-Xlog:gc:stderr"), link.toString(), "--version");
        assertTrue(((String) r[1]).contains("Using Serial"), (String) r[1]);
        r = run(Map.of("HARK_JAVA_OPTS", "-XX:+UseParallelGC -Xlog:gc:stderr"), link.toString(), "--version");
        assertEquals(0, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("Using Parallel"), (String) r[1]);

        r = run(Map.of(), link.toString(), "bench", "--help");
        assertEquals(2, r[0], (String) r[1]);
        assertEquals("hark: hark bench is not built: no " + tree.resolve("bench/target/hark-bench.jar")
                + " (build it with 'mvn -q -DskipTests package' in " + tree + ")\n", r[1]);
        r = run(Map.of(), link.toString(), "spark");
        assertEquals(2, r[0], (String) r[1]);
        assertTrue(((String) r[1]).startsWith("hark: hark spark is not built: no "
                + tree.resolve("scale/spark/target/hark-spark.jar")), (String) r[1]);
    }

    @Test
    void aCommandLineLongerThanOnnxRuntimeCanStartWithReachesHarkWholeAndLeavesNoFile() throws Exception {
        // ONNX Runtime 1.29 crashed the JVM (SIGSEGV) at start when the process's command line passed about 4 KB
        Path clip = project().resolve("../shared/datasets/esc50-dev/audio").normalize();
        Path first;
        try (var files = Files.list(clip)) {
            first = files.filter(f -> f.toString().endsWith(".ogg")).sorted().findFirst().orElseThrow();
        }
        Path odd = tmp.resolve("a \"quoted\" name with \\ and 'more'.ogg");
        Files.copy(first, odd);
        List<String> command = new java.util.ArrayList<>(List.of(project().resolve("app/target/hark").toString(),
                "classify", "--top", "1", "--format", "jsonl"));
        int copies = 0;
        while (String.join(" ", command).length() < 6000) {
            command.add(copies % 2 == 0 ? first.toString() : odd.toString());
            copies++;
        }
        Path temp = Files.createDirectories(tmp.resolve("temp"));
        Object[] r = run(Map.of("TMPDIR", temp.toString()), command.toArray(String[]::new));
        assertEquals(0, r[0], (String) r[1]);
        List<String> summaries = ((String) r[1]).lines().filter(l -> l.contains("\"type\":\"summary\"")).toList();
        assertEquals(copies, summaries.size(), "a summary per file given");
        assertTrue(summaries.get(1).contains(odd.toString().replace("\\", "\\\\").replace("\"", "\\\"")),
                "quotes, backslashes and spaces of a name survive: " + summaries.get(1));
        try (var left = Files.list(temp)) {
            assertEquals(List.of(), left.filter(f -> f.getFileName().toString().startsWith("hark-args")).toList(),
                    "the argument file is deleted");
        }
    }

    @Test
    void benchRunsTheBuiltBenchJar() throws Exception {
        Path bench = project().resolve("bench/target/hark-bench.jar");
        assertTrue(Files.isRegularFile(bench), "the build makes " + bench);
        Object[] r = run(Map.of(), project().resolve("app/target/hark").toString(), "bench", "--help");
        assertEquals(0, r[0], (String) r[1]);
        List<String> lines = ((String) r[1]).lines().toList();
        assertTrue(lines.get(0).startsWith("Usage: hark-bench"), (String) r[1]);
    }
}
