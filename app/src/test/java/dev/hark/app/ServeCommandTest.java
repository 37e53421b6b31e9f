package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.serve.store.EventQuery;
import dev.hark.serve.store.EventStore;
import dev.hark.serve.store.StoredEvent;
import dev.hark.testkit.Mosquitto;
import dev.hark.testkit.MqttSubscriber;
import dev.hark.testkit.TestData;
import dev.hark.testkit.Tools;
import dev.hark.testkit.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hark serve} as a user runs it: bad configs, SIGTERM while events are written, an hour of audio with every
 * output on (a real mosquitto and a webhook receiver).
 */
class ServeCommandTest {
    @TempDir
    static Path dir;
    static Path segment;

    /** One minute: the ESC-50 dog, then 55 s of silence (made with sox -R, as the README does). */
    @BeforeAll
    static void minute() throws Exception {
        Tools.assumeSox();
        segment = dir.resolve("minute.wav");
        sox(TestData.dogClip().toString(), "-r", "16000", "-c", "1", segment.toString(), "pad", "0", "55");
    }

    static void sox(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sox", "-R"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    }

    static Path config(String name, String extra) throws Exception {
        Path state = dir.resolve(name);
        Path cfg = dir.resolve(name + ".yaml");
        Files.writeString(cfg, "store:\n  path: " + state.resolve("events.db") + "\nclips:\n  dir: " + state.resolve("clips")
                + "\nhttp:\n  port: 0\noutput:\n  status-interval-seconds: 0\n" + extra);
        return cfg;
    }

    @Test
    void aBadConfigIsOneLineAndExitCode2() throws Exception {
        for (String[] bad : new String[][] {{"store:\n  pth: x.db\n", "unknown setting 'store.pth'"},
            {"http:\n  host: 0.0.0.0\n", "needs http.token"},
            {"clips:\n  max-age-days: -1\n", "bad value for clips.max-age-days: -1"},
            {"sourc:\n  input: x.wav\n", "unknown setting 'sourc.input'"}}) {
            Path cfg = dir.resolve("bad.yaml");
            Files.writeString(cfg, bad[0]);
            Object[] r = HarkCommandTest.run("serve", "--config", cfg.toString(), "--input", segment.toString());
            String err = (String) r[2];
            assertEquals(ExitCodes.BAD_INPUT, r[0], err);
            assertTrue(err.startsWith("hark: ") && err.contains(bad[1]), err);
            assertEquals(1, err.lines().count(), err);
        }
        Object[] r = HarkCommandTest.run("serve", "--port", "70000", "--input", segment.toString());
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertTrue(((String) r[2]).contains("--port"), (String) r[2]);
    }

    /** Counts the onset lines of the text output. */
    static long onsets(String out) {
        return out.lines().filter(l -> l.contains("  onset  ")).count();
    }

    static Process serve(Path cfg, Path out, Path err, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the heap committed and touched from the start: what the resident size does later is the rest
                "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-Xss4m", "-cp", System.getProperty("java.class.path"), "dev.hark.app.Hark", "serve",
                "--config", cfg.toString()));
        cmd.addAll(List.of(more));
        return new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    @Test
    void sigtermWhileEventsAreWrittenLosesNoneAndExits0() throws Exception {
        Path tenMinutes = dir.resolve("ten.wav");
        Path short6 = dir.resolve("six.wav");
        sox(TestData.dogClip().toString(), "-r", "16000", "-c", "1", short6.toString(), "pad", "0", "1");
        sox(short6.toString(), tenMinutes.toString(), "repeat", "99");
        Path cfg = config("term", "");
        Path out = dir.resolve("term.out");
        Path err = dir.resolve("term.err");
        Process p = serve(cfg, out, err, "--input", tenMinutes.toString(), "--labels", "Dog");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (onsets(Files.readString(out)) < 5 && p.isAlive() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "still running when signalled: " + Files.readString(err));
        p.destroy(); // SIGTERM, while events are being written
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), Files.readString(err));
        String stderr = Files.readString(err);
        assertEquals(0, p.exitValue(), stderr);
        assertTrue(stderr.contains("summary:"), stderr);
        long printed = onsets(Files.readString(out));
        assertTrue(printed >= 5 && printed < 100, "stopped part way: " + printed);
        try (EventStore s = EventStore.open(dir.resolve("term/events.db"), 1000)) {
            assertEquals("ok", s.integrityCheck());
            List<StoredEvent> stored = s.query(EventQuery.all());
            assertEquals(printed, stored.size(), "count in the database = count on stdout");
            assertTrue(stored.stream().allMatch(StoredEvent::ended), "open events were closed at the stop");
        }
    }

    /** Onsets among the JSON events (MQTT messages, webhook bodies) of {@code hark serve}. */
    static long onsetMessages(List<String> payloads) {
        return payloads.stream().filter(m -> m.contains("\"event_type\":\"onset\"")).count();
    }

    @Test
    void anHourOfAudioReplayedFastWithEveryOutputKeepsMemoryFlatAndLosesNoEvent() throws Exception {
        Path hour = dir.resolve("hour.wav");
        sox(segment.toString(), hour.toString(), "repeat", "59");
        try (Mosquitto broker = Mosquitto.create(Files.createDirectories(dir.resolve("broker"))).start();
                MqttSubscriber sub = MqttSubscriber.connect(broker.port, "load-test", false, "hark/load/#");
                WebhookReceiver hook = new WebhookReceiver()) {
            Path cfg = config("hour", "mqtt:\n  host: 127.0.0.1\n  port: " + broker.port + "\n  device: load\n"
                    + "webhooks:\n  - url: " + hook.url() + "\n");
            Path out = dir.resolve("hour.out");
            Path err = dir.resolve("hour.err");
            Process p = serve(cfg, out, err, "--input", hour.toString(), "--labels", "Dog", "--gate", "energy");
            List<long[]> rss = new ArrayList<>(); // {onsets so far, resident kB}
            Path status = Path.of("/proc", Long.toString(p.pid()), "status");
            while (p.isAlive()) {
                try {
                    long kb = Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                            .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
                    rss.add(new long[] {onsets(Files.readString(out)), kb});
                } catch (java.io.IOException ended) {
                    break;
                }
                p.waitFor(250, TimeUnit.MILLISECONDS);
            }
            assertTrue(p.waitFor(600, TimeUnit.SECONDS));
            String stderr = Files.readString(err);
            assertEquals(0, p.exitValue(), stderr);
            assertTrue(stderr.contains("3600.1 s of audio processed"), stderr);
            long printed = onsets(Files.readString(out));
            assertEquals(60, printed, "a dog a minute");
            try (EventStore s = EventStore.open(dir.resolve("hour/events.db"), 1000)) {
                assertEquals(printed, s.count(), "count in the database = count on stdout");
                assertEquals(60, s.clips().size(), "a clip each");
            }
            // the service sent everything before it exited: what arrives is there already, or within moments
            List<String> published = sub.await(m -> m.topic().equals("hark/load/event"), 120, Duration.ofSeconds(10))
                    .stream().map(MqttSubscriber.Msg::payload).toList();
            assertEquals(printed, onsetMessages(published), "count at the broker = count on stdout: " + stderr);
            assertEquals(120, published.size(), "an onset and an offset each");
            List<String> posted = hook.awaitAccepted(120, 10_000);
            assertEquals(printed, onsetMessages(posted), "count at the webhook receiver = count on stdout: " + stderr);
            assertEquals(120, posted.size(), "an onset and an offset each");
            assertTrue(!stderr.contains("messages were dropped") && !stderr.contains("not sent")
                    && !stderr.contains("gave up"), stderr);
            long early = rss.stream().filter(r -> r[0] >= 10 && r[0] <= 20).mapToLong(r -> r[1]).max().orElseThrow();
            long late = rss.stream().filter(r -> r[0] >= 50).mapToLong(r -> r[1]).max().orElseThrow();
            System.out.printf("serve, an hour of audio, every output on: resident %d MB after 10-20 events, %d MB after"
                    + " 50-60%n", early / 1024, late / 1024);
            assertTrue(late - early < 40 * 1024, "memory flat: " + early / 1024 + " MB then " + late / 1024 + " MB");
        }
    }
}
