package dev.hark.bench.latency;

import dev.hark.errors.BadInputException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A real-time virtual microphone: a private PulseAudio daemon (its own runtime and home directories, so it meets no
 * other sound server on the machine) with a null sink at 16 kHz mono whose monitor is the default source, and a home
 * directory whose {@code .asoundrc} routes ALSA's default device to it, so that Java Sound's default capture line
 * records what is played into the sink. {@link #play} plays a file into it with {@code paplay}. Closing stops the
 * daemon. The README's "A real-time virtual microphone" recipe, as a program.
 */
public final class VirtualMicrophone implements AutoCloseable {
    /** The commands it runs, with the Debian packages that provide them. */
    public static final Map<String, String> TOOLS = Map.of("pulseaudio", "pulseaudio", "pactl", "pulseaudio-utils",
            "paplay", "pulseaudio-utils");
    static final String SINK = "vsink";

    private final Path dir;
    private final Map<String, String> env;
    private final Process daemon;
    private final Path log;

    private VirtualMicrophone(Path dir, Map<String, String> env, Process daemon, Path log) {
        this.dir = dir;
        this.env = env;
        this.daemon = daemon;
        this.log = log;
    }

    /**
     * The first of {@code tools} not found as an executable in the directories of {@code pathEnv} (a PATH value),
     * or null when all are there.
     */
    public static String firstMissing(Iterable<String> tools, String pathEnv) {
        for (String t : tools) {
            boolean found = false;
            for (String d : (pathEnv == null ? "" : pathEnv).split(File.pathSeparator)) {
                if (!d.isEmpty() && Files.isExecutable(Path.of(d, t)) && !Files.isDirectory(Path.of(d, t))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return t;
            }
        }
        return null;
    }

    /**
     * Starts the daemon with its files under {@code dir} (which must exist) and waits until it answers.
     *
     * @throws BadInputException when a tool is missing from the PATH, or the daemon does not come up (its log says why)
     */
    public static VirtualMicrophone start(Path dir) throws IOException, InterruptedException {
        List<String> needed = List.of("pulseaudio", "pactl", "paplay");
        String missing = firstMissing(needed, System.getenv("PATH"));
        if (missing != null) {
            throw new BadInputException("the latency benchmark needs " + missing + " (Debian package "
                    + TOOLS.get(missing) + "), which is not on the PATH");
        }
        Path runtime = Files.createDirectories(dir.resolve("xdg"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve(".asoundrc"), "pcm.!default { type pulse }\nctl.!default { type pulse }\n");
        Map<String, String> env = new TreeMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("PULSE_SERVER", "unix:" + runtime.resolve("pulse").resolve("native"));
        Path log = dir.resolve("pulseaudio.log");
        ProcessBuilder pb = new ProcessBuilder("pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n",
                "--use-pid-file=no", "--log-target=stderr", "--load=module-native-protocol-unix",
                "--load=module-null-sink sink_name=" + SINK + " rate=16000 channels=1")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().remove("PULSE_SERVER"); // the daemon makes that socket
        Process daemon = pb.start();
        VirtualMicrophone mic = new VirtualMicrophone(dir, Map.copyOf(env), daemon, log);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (mic.pactl("info") != 0) {
                if (!daemon.isAlive() || System.nanoTime() > deadline) {
                    throw new BadInputException("PulseAudio did not start: " + mic.lastLogLine());
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            if (mic.pactl("set-default-sink", SINK) != 0 || mic.pactl("set-default-source", SINK + ".monitor") != 0) {
                throw new BadInputException("PulseAudio would not make " + SINK + ".monitor the default source: "
                        + mic.lastLogLine());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            mic.close();
            throw e;
        }
        return mic;
    }

    private int pactl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("pactl"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private String lastLogLine() {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "no output (" + log + ")" : lines.get(lines.size() - 1) + " (" + log + ")";
        } catch (IOException e) {
            return "no log (" + e.getMessage() + ")";
        }
    }

    /** The environment a client needs (HOME with the .asoundrc, the runtime directory, the server's socket). */
    public Map<String, String> clientEnvironment() {
        return env;
    }

    /** The home directory whose {@code .asoundrc} routes ALSA's default device to the daemon. */
    public Path home() {
        return dir.resolve("home");
    }

    /** Starts {@code paplay} playing {@code wav} into the sink (low latency asked for); the caller waits for it. */
    public Process play(Path wav) throws IOException {
        return play(wav, PLAY_LATENCY_MILLIS);
    }

    /** The latency {@link #play(Path)} asks for: the sound reaches the sink at once. */
    public static final int PLAY_LATENCY_MILLIS = 20;
    /**
     * The latency a background sound (the room tone) asks for. A player asking for 20 ms makes the null sink, and so
     * its monitor, the microphone, work in blocks of a few milliseconds: the listener's sound-server thread was woken
     * 230 times a second instead of the 50 that its 20 ms ALSA periods need, which is the player's cost, not the
     * listener's (a microphone delivers at its own pace).
     */
    public static final int BACKGROUND_LATENCY_MILLIS = 500;

    /** Starts {@code paplay} playing {@code wav} into the sink asking for {@code latencyMillis}. */
    public Process play(Path wav, int latencyMillis) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("paplay", "--device=" + SINK, "--latency-msec=" + latencyMillis,
                wav.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("paplay.log").toFile()));
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Stops the daemon (and waits for it). */
    @Override
    public void close() {
        daemon.destroy();
        try {
            if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
                daemon.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            daemon.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
