package dev.hark.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Optional command-line tools some tests use to make or check data (sox, espeak-ng, python3 with numpy, arecord,
 * mosquitto) or to drive (chromium).
 * {@code assume...} skips the calling test cleanly (a JUnit assumption) when the tool is missing, naming the Debian
 * package that provides it; {@code .ci/run} installs them all and sets {@value #REQUIRE_ENV}=1, under which a missing
 * tool fails the test instead, so CI cannot pass by skipping.
 */
public final class Tools {
    /** Environment variable: when "1", a missing tool is a failure, not a skip. */
    public static final String REQUIRE_ENV = "HARK_REQUIRE_TOOLS";

    private static final Map<List<String>, Boolean> RUNS = new ConcurrentHashMap<>();

    private Tools() {
    }

    /** sox, with the formats of libsox-fmt-all (FLAC, MP3, Ogg Vorbis). */
    public static void assumeSox() {
        assumeRuns("sox (Debian packages sox, libsox-fmt-all)", "sox", "--version");
    }

    /** espeak-ng, the speech synthesiser the tests make speech with. */
    public static void assumeEspeakNg() {
        assumeRuns("espeak-ng (Debian package espeak-ng)", "espeak-ng", "--version");
    }

    /** python3 that can import numpy, which reads .npy files back independently. */
    public static void assumePythonWithNumpy() {
        assumeRuns("python3 with numpy (Debian package python3-numpy)", "python3", "-c", "import numpy");
    }

    /**
     * Environment variable: the {@code node_modules} directory holding onnxruntime-node ({@code .ci/run} installs it
     * there); default {@code ~/.hark/onnxruntime-node/node_modules}.
     */
    public static final String ONNXRUNTIME_NODE_ENV = "HARK_ONNXRUNTIME_NODE";

    /** The {@code node_modules} directory where onnxruntime-node is looked for. */
    public static Path onnxRuntimeNodeModules() {
        String dir = System.getenv(ONNXRUNTIME_NODE_ENV);
        return dir != null ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".hark", "onnxruntime-node", "node_modules");
    }

    /** node with onnxruntime-node (npm), another ONNX runtime than Hark's, whose CPU binding loads. */
    public static void assumeOnnxRuntimeNode() {
        assumeRuns("node with onnxruntime-node (Debian package nodejs; npm install onnxruntime-node --ignore-scripts)",
                "env", "NODE_PATH=" + onnxRuntimeNodeModules(), "node", "-e", "require('onnxruntime-node')");
    }

    /** ffmpeg (with ffprobe), which makes and independently decodes the M4A/AAC and Ogg Opus test files. */
    public static void assumeFfmpeg() {
        assumeRuns("ffmpeg (Debian package ffmpeg)", "ffmpeg", "-version");
    }

    /** arecord, ALSA's capture tool. */
    public static void assumeArecord() {
        assumeRuns("arecord (Debian package alsa-utils)", "arecord", "--version");
    }

    /** PulseAudio's daemon and clients (pulseaudio, pactl, paplay), the real-time virtual microphone's parts. */
    public static void assumePulseAudio() {
        assumeRuns("pulseaudio and paplay (Debian packages pulseaudio, pulseaudio-utils)", "sh", "-c",
                "command -v pulseaudio && command -v pactl && command -v paplay");
    }

    /** mosquitto, the MQTT broker (its commands exit non-zero on --help, so the probe asks the shell). */
    public static void assumeMosquitto() {
        assumeRuns("mosquitto (Debian packages mosquitto, mosquitto-clients)", "sh", "-c",
                "command -v mosquitto && command -v mosquitto_passwd");
    }

    /** Debian's chromium with its chromedriver, the headless browser of the dashboard's tests. */
    public static void assumeChromium() {
        assumeRuns("chromium and chromedriver (Debian packages chromium, chromium-driver)", "sh", "-c",
                "chromium --version && chromedriver --version");
    }

    /** Debian's firefox-esr, driven over WebDriver BiDi without a geckodriver (the dashboard's Firefox test). */
    public static void assumeFirefox() {
        assumeRuns("firefox-esr (Debian package firefox-esr)", "firefox-esr", "--version");
    }

    /**
     * espeak-ng speaking {@code text} into the WAV file {@code wav} (its own rate, 22.05 kHz); skips the calling test
     * when espeak-ng is missing, as {@link #assumeEspeakNg()} does.
     *
     * @throws IOException when espeak-ng fails or writes no file
     */
    public static Path speak(String text, Path wav) throws IOException, InterruptedException {
        assumeEspeakNg();
        Process p = new ProcessBuilder("espeak-ng", "-w", wav.toString(), text).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(wav)) {
            throw new IOException("espeak-ng failed to speak into " + wav);
        }
        return wav;
    }

    /** Whether {@code command} starts and exits 0 within 60 s (remembered per command line). */
    public static boolean runs(String... command) {
        return RUNS.computeIfAbsent(List.of(command), Tools::probe);
    }

    private static void assumeRuns(String what, String... command) {
        boolean ok = runs(command);
        String message = what + " is not installed (.ci/run installs it)";
        if ("1".equals(System.getenv(REQUIRE_ENV))) {
            Assertions.assertTrue(ok, message + "; " + REQUIRE_ENV + "=1 requires it");
        } else {
            Assumptions.assumeTrue(ok, message);
        }
    }

    private static boolean probe(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
