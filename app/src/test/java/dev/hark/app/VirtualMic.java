package dev.hark.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The virtual microphone of the end-to-end tests: a HOME whose {@code ~/.asoundrc} makes ALSA's default capture
 * device play a raw 16 kHz mono s16le file (the file plugin; no daemon, no hardware), and {@code hark} run in a
 * child JVM with that HOME, so that it captures through Java Sound as from a real microphone. The plugin delivers
 * faster than real time and repeats stale data after the end of the file: pad the audio with quiet.
 */
final class VirtualMic {
    /** A finished child: its exit code, stdout and stderr. */
    record Child(int exit, String out, String err) {
    }

    private VirtualMic() {
    }

    /** Runs hark in a child JVM with {@code env} added (HOME for the ALSA config), waiting at most 300 s. */
    static Child child(Path dir, Map<String, String> env, BiConsumer<Process, Path> during, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                // run from the test classpath (classes directories), opening the ONNX session overflows the
                // default 1 MB main-thread stack in native code (exit 139); the shaded jar does not need this
                "-Xss4m", "-cp", System.getProperty("java.class.path"), "dev.hark.app.Hark"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (during != null) {
            during.accept(p, out);
        }
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("hark did not end: " + Files.readString(err));
        }
        return new Child(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /**
     * A HOME in {@code dir} whose ALSA default device captures {@code audio} (16 kHz mono, written as s16le) through
     * the file plugin, with {@code listen.yaml} beside it: a queue that holds the whole file (the plugin delivers
     * faster than real time).
     */
    static Path home(Path dir, String name, float[] audio) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        Path raw = home.resolve("in.raw");
        ByteBuffer b = ByteBuffer.allocate(audio.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : audio) {
            b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(x * 32768.0))));
        }
        Files.write(raw, b.array());
        Files.writeString(home.resolve(".asoundrc"), "pcm.!default { type file; slave.pcm \"null\"; "
                + "file \"/dev/null\"; infile \"" + raw + "\"; format \"raw\" }\n", StandardCharsets.UTF_8);
        Files.writeString(home.resolve("listen.yaml"), "source:\n  queue-seconds: 120\n");
        return home;
    }
}
