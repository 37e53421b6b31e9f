package dev.hark.readme;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hark.readme.ReadmeBlocks.Block;
import dev.hark.readme.ReadmeBlocks.Step;
import dev.hark.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command block of README.md, run in order in one bash session, as a user pasting the README would, with the
 * built launcher ({@code app/target/hark}) on the PATH through a symlink in {@code ~/.local/bin}, and a fresh home
 * directory (so a fresh {@code ~/.hark}: model directory and feature cache). It starts in an empty directory beside
 * a {@code shared} link to ../shared, standing for the checkout; the README's first block makes the scratch
 * directory beside it. Outputs are compared as {@link OutputMatch} says; blocks marked not run are listed.
 *
 * <p>The run writes {@code readme/target/README.actual.md}: the README with every output that ran replaced by what
 * it printed this time (paths shown as in the README's run). To re-record the README after a change of output:
 * run this test, review {@code diff README.md readme/target/README.actual.md}, and copy it over README.md.
 */
class ReadmeExamplesTest {
    /** The README's run was made as root in /work/hark-try: the test's home and root are shown as these. */
    static final String README_HOME = "/root";
    static final String README_ROOT = "/work";
    static final long SESSION_TIMEOUT_SECONDS = 40 * 60;

    @TempDir
    Path tmp;

    @Test
    void everyCommandBlockPrintsWhatTheReadmeShows() throws Exception {
        Path project = Path.of(System.getProperty("hark.project.dir", "..")).toAbsolutePath().normalize();
        Path readme = project.resolve("README.md");
        Path launcher = project.resolve("app/target/hark");
        assertTrue(Files.isExecutable(launcher) && Files.isRegularFile(project.resolve("app/target/hark.jar")),
                "no launcher " + launcher + " or hark.jar beside it: the README test runs the built command; run "
                        + "'mvn -q -DskipTests package' (or the whole 'mvn verify') first");
        List<String> lines = Files.readAllLines(readme);
        List<Block> blocks = ReadmeBlocks.parse(lines);

        Path root = tmp.toRealPath();
        Path home = Files.createDirectories(root.resolve("home"));
        Files.createDirectories(home.resolve(".local/bin"));
        Files.createSymbolicLink(home.resolve(".local/bin/hark"), launcher);
        Files.createSymbolicLink(root.resolve("shared"), TestData.shared().toRealPath());
        Path start = Files.createDirectories(root.resolve("hark"));

        List<Step> run = new ArrayList<>();
        List<Block> runBlocks = new ArrayList<>();
        StringBuilder notRun = new StringBuilder();
        for (Block b : blocks) {
            if (b.notRun() != null) {
                notRun.append("  ").append(b.where()).append(": ").append(b.notRun()).append('\n');
                continue;
            }
            runBlocks.add(b);
            for (Step s : b.steps()) {
                assertTrue(!s.command().contains("/tmp/"), "README.md:" + s.line() + ": an example that runs works in "
                        + "the scratch directory, not in /tmp: " + s.command());
                run.add(s);
            }
        }
        System.out.println("README blocks not run (" + (blocks.size() - runBlocks.size()) + " of " + blocks.size()
                + "):\n" + notRun);

        long t0 = System.nanoTime();
        List<ShellSession.Result> results = ShellSession.run(run.stream().map(Step::command).toList(), start,
                environment(home), SESSION_TIMEOUT_SECONDS);
        System.out.printf("README: %d commands in %d blocks ran in %.0f s (CPU time of the commands %.0f s)%n",
                results.size(), runBlocks.size(), (System.nanoTime() - t0) / 1e9, ShellSession.lastCpuSeconds);

        System.out.println("README: the slowest commands:");
        IntStream.range(0, results.size()).boxed()
                .sorted((a, b) -> Double.compare(results.get(b).seconds(), results.get(a).seconds())).limit(15)
                .forEach(i -> System.out.printf("  %6.1f s  README.md:%d  %s%n", results.get(i).seconds(),
                        run.get(i).line(), run.get(i).command().lines().findFirst().orElse("")));
        boolean sameMachine = Machine.describedIn(String.join("\n", lines));
        if (!sameMachine) {
            System.out.println("README: this is not the machine the README names (" + Machine.here() + "): numbers "
                    + "in blocks marked '" + ReadmeBlocks.VARIES_BY_CPU + "' are not compared");
        }
        Map<Integer, List<String>> actualOutputs = new HashMap<>();
        List<String> failures = new ArrayList<>();
        int k = 0;
        for (Block b : runBlocks) {
            for (Step s : b.steps()) {
                if (k >= results.size()) {
                    failures.add(b.where() + ", README.md:" + s.line() + ": `" + s.command() + "` did not finish "
                            + "(session timeout " + SESSION_TIMEOUT_SECONDS + " s)");
                    k++;
                    continue;
                }
                List<String> actual = shownAsInReadme(results.get(k++).lines(), root, home);
                actualOutputs.put(s.outputLine(), actual);
                String diff = OutputMatch.difference(s.expected(), actual, b.variesByCpu() && !sameMachine);
                if (diff != null) {
                    failures.add(b.where() + ", command at README.md:" + s.line() + ": `" + s.command() + "`: "
                            + diff);
                }
            }
        }
        Path actualReadme = project.resolve("readme/target/README.actual.md");
        Files.createDirectories(actualReadme.getParent());
        Files.write(actualReadme, recorded(lines, run, actualOutputs));
        if (!failures.isEmpty()) {
            fail(failures.size() + " README command(s) printed something else than the README shows:\n"
                    + String.join("\n", failures) + "\nThe README with this run's outputs: " + actualReadme
                    + " (review 'diff README.md " + project.relativize(actualReadme) + "', then copy it to "
                    + "re-record)");
        }
    }

    private static Map<String, String> environment(Path home) {
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("PATH", "JAVA_HOME", "LANG", "LC_ALL", "USER", "LOGNAME", "SHELL",
                "HARK_REQUIRE_TOOLS")) {
            String v = System.getenv(name);
            if (v != null) {
                env.put(name, v);
            }
        }
        env.put("HOME", home.toString());
        // Java takes user.home from the passwd entry, not from $HOME: the launcher passes this on, so ~/.hark (model
        // directory, feature cache) is the fresh one too
        env.put("HARK_JAVA_OPTS", "-Duser.home=" + home);
        env.put("PATH", home.resolve(".local/bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        return env;
    }

    /** The test's home and scratch root written as the README's run had them. */
    static List<String> shownAsInReadme(List<String> lines, Path root, Path home) {
        return lines.stream().map(l -> l.replace(home.toString(), README_HOME).replace(root.toString(), README_ROOT))
                .toList();
    }

    /** The README with the output of every step that ran replaced by {@code actual}. */
    private static List<String> recorded(List<String> readme, List<Step> run, Map<Integer, List<String>> actual) {
        Map<Integer, Step> byOutputLine = new HashMap<>();
        run.forEach(s -> byOutputLine.put(s.outputLine(), s));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            Step s = byOutputLine.get(i + 1);
            if (s != null && actual.containsKey(i + 1)) {
                out.addAll(actual.get(i + 1));
                if (!s.expected().isEmpty()) {
                    i += s.expected().size() - 1; // the README's output lines, replaced
                    continue;
                }
            }
            out.add(readme.get(i));
        }
        return out;
    }
}
