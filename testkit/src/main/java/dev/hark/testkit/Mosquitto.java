package dev.hark.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real mosquitto broker for one test, on a free loopback port, configured by a file in the test's directory,
 * with its sessions kept across a clean stop and start (persistence in that directory), so a subscriber's queued
 * messages survive a restart. Skips the test when mosquitto is missing (fails in CI, see {@link Tools}).
 */
public final class Mosquitto implements AutoCloseable {
    public final Path dir;
    public final int port;
    private final String user;
    private final String password;
    private Process process;
    private Path[] tls;
    /** The TLS port, once {@link #withTls} was called. */
    public int tlsPort;

    private Mosquitto(Path dir, int port, String user, String password) {
        this.dir = dir;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** A broker (not started) on a free port; anonymous clients allowed. */
    public static Mosquitto create(Path dir) throws IOException {
        return create(dir, null, null);
    }

    /** A broker (not started) that accepts only {@code user} with {@code password} (when user is not null). */
    public static Mosquitto create(Path dir, String user, String password) throws IOException {
        Tools.assumeMosquitto();
        return new Mosquitto(dir, freePort(), user, password);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Also listens with TLS on {@link #tlsPort}, with this certificate authority, certificate and key (PEM files). */
    public Mosquitto withTls(Path caFile, Path certFile, Path keyFile) throws IOException {
        tls = new Path[] {caFile, certFile, keyFile};
        tlsPort = freePort();
        return this;
    }

    public Mosquitto start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        Path data = Files.createDirectories(dir.resolve("mosquitto-data"));
        StringBuilder conf = new StringBuilder();
        conf.append("listener ").append(port).append(" 127.0.0.1\n");
        conf.append("user root\n");   // as root, mosquitto would otherwise switch to the user mosquitto
        conf.append("persistence true\npersistence_location ").append(data).append("/\nautosave_interval 0\n");
        conf.append("log_dest file ").append(dir.resolve("mosquitto.log")).append("\n");
        if (tls != null) {
            conf.append("listener ").append(tlsPort).append(" 127.0.0.1\ncafile ").append(tls[0])
                    .append("\ncertfile ").append(tls[1]).append("\nkeyfile ").append(tls[2]).append("\n");
        }
        if (user != null) {
            Path pw = dir.resolve("passwords");
            Files.deleteIfExists(pw);
            run("mosquitto_passwd", "-b", "-c", pw.toString(), user, password);
            conf.append("allow_anonymous false\npassword_file ").append(pw).append("\n");
        } else {
            conf.append("allow_anonymous true\n");
        }
        Path file = dir.resolve("mosquitto.conf");
        Files.writeString(file, conf);
        process = new ProcessBuilder("mosquitto", "-c", file.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto ended at start: " + Files.readString(dir.resolve("mosquitto.out")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException("mosquitto did not listen on " + port + " within 15 s");
    }

    /** A clean stop (SIGTERM: it saves its sessions); killed when it does not end within 10 s. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    public String log() throws IOException {
        Path p = dir.resolve("mosquitto.log");
        return Files.exists(p) ? Files.readString(p) : "";
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
