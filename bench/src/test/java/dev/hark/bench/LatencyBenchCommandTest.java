package dev.hark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hark.app.ExitCodes;
import dev.hark.testkit.TestData;
import dev.hark.testkit.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The microphone latency benchmark refuses in one line without PulseAudio, and with it plays sounds into a virtual
 * microphone and times the real hark listen's onset lines (about half a minute).
 */
class LatencyBenchCommandTest {
    /** hark-bench in a JVM of its own, with {@code path} as its PATH; returns {exit code, stdout, stderr}. */
    private static Object[] inChild(Path dir, String path, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Bench.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        pb.environment().put("PATH", path);
        Process p = pb.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "hark-bench latency did not finish");
        return new Object[] {p.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
            Files.readString(dir.resolve("err"), StandardCharsets.UTF_8)};
    }

    @Test
    void withoutPulseAudioItIsOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        Object[] r = inChild(dir, dir.resolve("empty").toString(), "latency");
        assertEquals(ExitCodes.BAD_INPUT, r[0], (String) r[2]);
        assertEquals("hark: the latency benchmark needs pulseaudio (Debian package pulseaudio), which is not on the "
                + "PATH\n", ((String) r[2]).replace(System.lineSeparator(), "\n"));
        assertEquals("", r[1]);
    }

    @Test
    void badValuesAreRefusedBeforeAnythingStarts() {
        Object[] r = BenchTest.run("latency", "--gap-seconds", "1");
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertEquals("hark: bad value for --gap-seconds: 1 (allowed 2 to 60)", ((String) r[2]).trim());
    }

    @Test
    void soundsPlayedIntoTheVirtualMicrophoneAreTimedFromListensOutput(@TempDir Path dir) throws Exception {
        Tools.assumePulseAudio();
        Tools.assumeEspeakNg();
        // the launcher the reactor's package phase made before this module's tests (mvn verify, as CI runs it)
        Path launcher = Path.of("..", "app", "target", "hark").toAbsolutePath().normalize();
        assumeTrue(Files.isExecutable(launcher) && Files.isRegularFile(launcher.resolveSibling("hark.jar")),
                "no hark launcher at " + launcher + " (mvn package makes it)");
        Object[] r = inChild(dir, System.getenv("PATH"), "latency", "--sounds", "2", "--quiet-seconds", "2",
                "--gap-seconds", "3", "--settle-seconds", "1", "--dataset", TestData.shared("datasets/esc50-dev").toString(),
                "--hark", launcher.toString());
        String out = (String) r[1];
        assertEquals(ExitCodes.OK, r[0], r[2] + "\n" + out);
        assertTrue(out.contains("listening: default device"), out);
        Matcher found = Pattern.compile("onset latency .*: median (\\d+\\.\\d+) s, 95th percentile (\\d+\\.\\d+) s, "
                + "max \\d+\\.\\d+ s \\((\\d) of 2 found\\)").matcher(out);
        assertTrue(found.find(), out);
        assertTrue(Integer.parseInt(found.group(3)) >= 1, "a dog or a phrase heard through the microphone: " + out);
        double median = Double.parseDouble(found.group(1));
        assertTrue(median > 0 && median < 5, out);
        assertTrue(Pattern.compile("quiet room \\d+\\.\\d s: \\d+\\.\\d{3} % of one core").matcher(out).find(), out);
    }
}
