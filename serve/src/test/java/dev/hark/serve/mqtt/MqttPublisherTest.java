package dev.hark.serve.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.core.events.DetectionEvent;
import dev.hark.serve.sink.Backoff;
import dev.hark.testkit.Mosquitto;
import dev.hark.testkit.MqttSubscriber;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher against a real mosquitto, checked with a real Paho subscriber. */
class MqttPublisherTest {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final Backoff FAST = new Backoff(50, 400);
    static final Instant T0 = Instant.parse("2026-12-02T00:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    final List<String> status = Collections.synchronizedList(new ArrayList<>());

    MqttPublisher publisher(MqttSettings s, List<String> concepts) {
        return MqttPublisher.builder(s).concepts(concepts).status(status::add).backoff(FAST)
                .clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
    }

    static DetectionEvent onset(String label, double t, double score) {
        return new DetectionEvent(DetectionEvent.Type.ONSET, label, score, t, t - 0.96, t);
    }

    static DetectionEvent offset(String label, double t, double score) {
        return new DetectionEvent(DetectionEvent.Type.OFFSET, label, score, t, t - 2, t);
    }

    static void awaitConnected(MqttPublisher p, long connections) throws InterruptedException {
        long until = System.nanoTime() + WAIT.toNanos();
        while ((p.stats().connections() < connections || !p.stats().connected()) && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertTrue(p.stats().connected() && p.stats().connections() >= connections, "connected: " + p.stats());
    }

    static void awaitQueueEmpty(MqttPublisher p) throws InterruptedException {
        long until = System.nanoTime() + WAIT.toNanos();
        while (p.stats().queued() > 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertEquals(0, p.stats().queued(), "queue sent: " + p.stats());
    }

    static JsonNode json(MqttSubscriber.Msg m) throws Exception {
        return JSON.readTree(m.payload());
    }

    @Test
    void discoveryIsRetainedAndDescribesEveryEntity() throws Exception {
        try (Mosquitto broker = Mosquitto.create(tmp).start();
                MqttPublisher p = publisher(MqttSettings.of("127.0.0.1", broker.port).withDevice("kitchen"),
                        List.of("dog", "Glass breaking"))) {
            p.start();
            awaitConnected(p, 1);
            awaitQueueEmpty(p);
            // A client arriving later gets everything that is retained, flagged so.
            try (MqttSubscriber late = MqttSubscriber.connect(broker.port, "late", false, "homeassistant/#", "hark/#")) {
                List<MqttSubscriber.Msg> configs = late.await(m -> m.topic().endsWith("/config"), 4, WAIT);
                assertEquals(List.of("homeassistant/binary_sensor/hark_kitchen/dog/config",
                        "homeassistant/binary_sensor/hark_kitchen/glass_breaking/config",
                        "homeassistant/event/hark_kitchen/event/config",
                        "homeassistant/sensor/hark_kitchen/level/config"),
                        configs.stream().map(MqttSubscriber.Msg::topic).sorted().toList());
                assertTrue(configs.stream().allMatch(MqttSubscriber.Msg::retained));

                JsonNode dog = json(late.on("homeassistant/binary_sensor/hark_kitchen/dog/config").get(0));
                assertEquals("sound", dog.get("device_class").asText());
                assertEquals("hark/kitchen/dog/state", dog.get("state_topic").asText());
                assertEquals("ON", dog.get("payload_on").asText());
                assertEquals("OFF", dog.get("payload_off").asText());
                assertEquals("hark_kitchen_dog", dog.get("unique_id").asText());
                assertEquals("dog", dog.get("name").asText());
                assertEquals("hark/kitchen/availability", dog.get("availability_topic").asText());
                assertEquals("hark_kitchen", dog.get("device").get("identifiers").get(0).asText());
                assertEquals("Hark kitchen", dog.get("device").get("name").asText());
                JsonNode glass = json(late.on("homeassistant/binary_sensor/hark_kitchen/glass_breaking/config").get(0));
                assertEquals("hark/kitchen/glass_breaking/state", glass.get("state_topic").asText());
                assertEquals("Glass breaking", glass.get("name").asText());

                JsonNode event = json(late.on("homeassistant/event/hark_kitchen/event/config").get(0));
                assertEquals("hark/kitchen/event", event.get("state_topic").asText());
                assertEquals("[\"onset\",\"offset\"]", event.get("event_types").toString());
                JsonNode level = json(late.on("homeassistant/sensor/hark_kitchen/level/config").get(0));
                assertEquals("dBFS", level.get("unit_of_measurement").asText());
                assertEquals("hark/kitchen/level", level.get("state_topic").asText());
                assertEquals("measurement", level.get("state_class").asText());

                List<MqttSubscriber.Msg> avail = late.await("hark/kitchen/availability", 1, WAIT);
                assertEquals(new MqttSubscriber.Msg("hark/kitchen/availability", "online", true), avail.get(0));
                assertEquals(new MqttSubscriber.Msg("hark/kitchen/dog/state", "OFF", true),
                        late.await("hark/kitchen/dog/state", 1, WAIT).get(0), "each concept starts OFF");
            }
        }
        assertTrue(status.stream().anyMatch(s -> s.startsWith("mqtt: connected to tcp://127.0.0.1:")), "" + status);
    }

    @Test
    void onsetAndOffsetPublishStatesAndEvents() throws Exception {
        try (Mosquitto broker = Mosquitto.create(tmp).start();
                MqttSubscriber sub = MqttSubscriber.connect(broker.port, "watcher", false, "hark/#");
                MqttPublisher p = publisher(MqttSettings.of("127.0.0.1", broker.port), List.of("dog"))) {
            p.start();
            awaitConnected(p, 1);
            p.onEvent(onset("dog", 3.84, 0.912345));
            p.onEvent(offset("dog", 6.5, 0.95));
            p.onEvent(onset("speech", 7.0, 0.7));   // not announced: still published
            List<MqttSubscriber.Msg> events = sub.await("hark/hark/event", 3, WAIT);
            assertEquals(3, events.size());
            JsonNode on = json(events.get(0));
            assertEquals("onset", on.get("event_type").asText());
            assertEquals("dog", on.get("concept").asText());
            assertEquals(0.9123, on.get("score").asDouble(), 0);
            assertEquals(3.84, on.get("time_seconds").asDouble(), 0);
            assertEquals(2.88, on.get("start_seconds").asDouble(), 1e-9);
            assertEquals(3.84, on.get("end_seconds").asDouble(), 0);
            assertEquals("2026-12-02T00:30:00Z", on.get("wall_time").asText());
            assertEquals("hark", on.get("device").asText());
            assertFalse(events.get(0).retained());
            JsonNode off = json(events.get(1));
            assertEquals("offset", off.get("event_type").asText());
            assertEquals(0.95, off.get("score").asDouble(), 0);
            assertEquals(4.5, off.get("start_seconds").asDouble(), 1e-9);
            assertEquals("speech", json(events.get(2)).get("concept").asText());

            List<MqttSubscriber.Msg> states = sub.await("hark/hark/dog/state", 3, WAIT);
            assertEquals(List.of("OFF", "ON", "OFF"), states.stream().map(MqttSubscriber.Msg::payload).toList());
            assertEquals("ON", sub.await("hark/hark/speech/state", 1, WAIT).get(0).payload());
            // The state comes before its event.
            List<MqttSubscriber.Msg> all = sub.messages();
            assertTrue(all.indexOf(states.get(1)) < all.indexOf(events.get(0)));
        }
    }

    @Test
    void soundLevelIsPublishedOncePerInterval() throws Exception {
        try (Mosquitto broker = Mosquitto.create(tmp).start();
                MqttSubscriber sub = MqttSubscriber.connect(broker.port, "watcher", false, "hark/hark/level");
                MqttPublisher p = publisher(MqttSettings.of("127.0.0.1", broker.port).withLevelInterval(0.5),
                        List.of())) {
            p.start();
            awaitConnected(p, 1);
            float[] sine = new float[16_000 / 2];   // 0.5 s of a 1 kHz sine of amplitude 0.5: -9.0 dBFS
            for (int i = 0; i < sine.length; i++) {
                sine[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 16_000.0));
            }
            p.onAudio(0, sine, 0, 4000);   // a quarter of an interval: nothing yet
            Thread.sleep(300);
            assertEquals(List.of(), sub.messages());
            p.onAudio(4000, sine, 4000, 4000);
            List<MqttSubscriber.Msg> got = sub.await("hark/hark/level", 1, WAIT);
            assertEquals("-9.0", got.get(0).payload());
            // A burst of 20 intervals at once is rate-limited to the newest values (never more than one each).
            float[] quiet = new float[16_000 * 10];
            java.util.Arrays.fill(quiet, 0.01f);   // -40 dBFS
            p.onAudio(8000, quiet, 0, quiet.length);
            List<MqttSubscriber.Msg> after = sub.await(m -> m.payload().equals("-40.0"), 1, WAIT);
            assertEquals(1, after.size());
            Thread.sleep(300);
            assertTrue(sub.messages().size() <= 21, "at most one message per interval: " + sub.messages().size());
        }
    }

    @Test
    void lastWillSaysOfflineWhenTheConnectionDiesAndOnlineComesBack() throws Exception {
        try (Mosquitto broker = Mosquitto.create(tmp).start();
                TcpProxy proxy = new TcpProxy(broker.port);
                MqttSubscriber sub = MqttSubscriber.connect(broker.port, "watcher", false, "hark/hark/availability")) {
            MqttPublisher p = publisher(MqttSettings.of("127.0.0.1", proxy.port()), List.of("dog"));
            try {
                p.start();
                awaitConnected(p, 1);
                assertEquals("online", sub.await("hark/hark/availability", 1, WAIT).get(0).payload());
                assertEquals(1, proxy.cut());   // no DISCONNECT reaches the broker: it publishes the will
                List<MqttSubscriber.Msg> avail = sub.await("hark/hark/availability", 3, WAIT);
                assertEquals(List.of("online", "offline", "online"),
                        avail.stream().map(MqttSubscriber.Msg::payload).toList(), "will, then back after reconnecting");
                awaitConnected(p, 2);
                assertTrue(status.stream().anyMatch(s -> s.startsWith("mqtt: lost the broker at 127.0.0.1:")), ""
                        + status);
            } finally {
                p.close();   // a clean close says offline itself
            }
            assertEquals("offline", sub.await("hark/hark/availability", 4, WAIT).get(3).payload());
        }
    }

    @Test
    void discoveryIsPublishedAgainWhenHomeAssistantComesOnline() throws Exception {
        try (Mosquitto broker = Mosquitto.create(tmp).start();
                MqttSubscriber sub = MqttSubscriber.connect(broker.port, "ha", false, "homeassistant/+/+/+/config");
                MqttPublisher p = publisher(MqttSettings.of("127.0.0.1", broker.port), List.of("dog"))) {
            p.start();
            awaitConnected(p, 1);
            assertEquals(3, sub.await(m -> true, 3, WAIT).size());
            Thread.sleep(200);
            assertEquals(3, sub.messages().size());
            assertEquals(1, p.stats().discoveries());
            sub.publish("homeassistant/status", "offline", false);   // Home Assistant going away changes nothing
            Thread.sleep(300);
            assertEquals(3, sub.messages().size());
            sub.publish("homeassistant/status", "online", false);
            List<MqttSubscriber.Msg> again = sub.await(m -> true, 6, WAIT);
            assertEquals(6, again.size());
            assertEquals(again.subList(0, 3).stream().map(MqttSubscriber.Msg::topic).toList(),
                    again.subList(3, 6).stream().map(MqttSubscriber.Msg::topic).toList());
            assertFalse(again.get(3).retained(), "sent live to the subscriber (the broker also keeps it)");
            long until = System.nanoTime() + WAIT.toNanos();
            while (p.stats().discoveries() < 2 && System.nanoTime() < until) {   // counted after "online"
                Thread.sleep(10);
            }
            assertEquals(2, p.stats().discoveries());
        }
    }

    @Test
    void brokerDownAtStartThenStartedDeliversTheQueuedEvents() throws Exception {
        try (Mosquitto broker = Mosquitto.create(tmp)) {
            broker.start();
            MqttSubscriber.connect(broker.port, "durable", true, "hark/hark/event").close();   // a session kept at the broker
            broker.stop();
            try (MqttPublisher p = publisher(MqttSettings.of("127.0.0.1", broker.port), List.of("dog"))) {
                long t = System.nanoTime();
                p.start();
                assertTrue(System.nanoTime() - t < TimeUnit.MILLISECONDS.toNanos(500), "start returns at once");
                for (int i = 0; i < 5; i++) {
                    p.onEvent(onset("dog", i * 10 + 1, 0.9));
                    p.onEvent(offset("dog", i * 10 + 3, 0.9));
                }
                Thread.sleep(1500);   // several attempts fail meanwhile
                assertFalse(p.stats().connected());
                assertEquals(21, p.stats().queued(), "1 initial state + 10 events and their states");
                broker.start();
                awaitConnected(p, 1);
                awaitQueueEmpty(p);
                try (MqttSubscriber sub = MqttSubscriber.connect(broker.port, "durable", true)) {
                    List<MqttSubscriber.Msg> events = sub.await("hark/hark/event", 10, WAIT);
                    List<Double> times = new ArrayList<>();
                    for (MqttSubscriber.Msg m : events) {
                        times.add(json(m).get("time_seconds").asDouble());
                    }
                    assertEquals(List.of(1.0, 3.0, 11.0, 13.0, 21.0, 23.0, 31.0, 33.0, 41.0, 43.0), times);
                }
            }
        }
        String refused = "mqtt: no broker at 127.0.0.1:" + "%d (connection refused); retrying in the background";
        long reports = status.stream().filter(s -> s.startsWith("mqtt: no broker at 127.0.0.1:")).count();
        assertEquals(1, reports, "reported once, though tried many times: " + status);
        assertTrue(status.stream().anyMatch(s -> s.matches(refused.replace("%d", "\\d+").replace("(", "\\(")
                .replace(")", "\\)"))), "" + status);
        assertTrue(status.stream().anyMatch(s -> s.contains("sending 21 queued messages")), "" + status);
    }

    @Test
    void brokerStoppedMidRunAndRestartedLosesNoEvent() throws Exception {
        try (Mosquitto broker = Mosquitto.create(tmp).start();
                MqttPublisher p = publisher(MqttSettings.of("127.0.0.1", broker.port), List.of("dog"))) {
            MqttSubscriber sub = MqttSubscriber.connect(broker.port, "durable", true, "hark/hark/event");
            p.start();
            awaitConnected(p, 1);
            for (int i = 0; i < 3; i++) {
                p.onEvent(onset("dog", i, 0.8));
            }
            assertEquals(3, sub.await("hark/hark/event", 3, WAIT).size());
            broker.stop();
            for (int i = 3; i < 8; i++) {
                p.onEvent(onset("dog", i, 0.8));
            }
            Thread.sleep(500);
            broker.start();
            awaitConnected(p, 2);
            awaitQueueEmpty(p);
            sub.reconnect();
            // QoS 1 is at least once: a message in flight when the broker went may come twice.
            List<Double> times = new ArrayList<>();
            long until = System.nanoTime() + WAIT.toNanos();
            while (times.size() < 8 && System.nanoTime() < until) {
                times.clear();
                for (MqttSubscriber.Msg m : sub.on("hark/hark/event")) {
                    double t = json(m).get("time_seconds").asDouble();
                    if (!times.contains(t)) {
                        times.add(t);
                    }
                }
                Thread.sleep(20);
            }
            assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0), times);
            assertEquals(0, p.stats().dropped());
            sub.close();
        }
        assertTrue(status.stream().anyMatch(s -> s.matches("mqtt: lost the broker at 127\\.0\\.0\\.1:\\d+ "
                + "\\((connection closed|Connection reset)\\); reconnecting")), "" + status);
    }

    @Test
    void aFullQueueDropsTheOldestAndCountsThem() throws Exception {
        try (Mosquitto broker = Mosquitto.create(tmp)) {
            broker.start();
            MqttSubscriber.connect(broker.port, "durable", true, "hark/hark/event").close();
            broker.stop();
            try (MqttPublisher p = publisher(MqttSettings.of("127.0.0.1", broker.port).withQueue(6), List.of())) {
                p.start();
                long worst = 0;
                for (int i = 0; i < 20; i++) {   // 40 messages: an event and a state each
                    long t = System.nanoTime();
                    p.onEvent(onset("dog", i, 0.8));
                    worst = Math.max(worst, System.nanoTime() - t);
                }
                assertTrue(worst < TimeUnit.MILLISECONDS.toNanos(200), "onEvent never waits for the broker: "
                        + worst / 1e6 + " ms");
                assertEquals(6, p.stats().queued());
                assertEquals(34, p.stats().dropped());
                broker.start();
                awaitConnected(p, 1);
                awaitQueueEmpty(p);
                try (MqttSubscriber sub = MqttSubscriber.connect(broker.port, "durable", true)) {
                    List<MqttSubscriber.Msg> events = sub.await("hark/hark/event", 3, WAIT);
                    List<Double> times = new ArrayList<>();
                    for (MqttSubscriber.Msg m : events) {
                        times.add(json(m).get("time_seconds").asDouble());
                    }
                    assertEquals(List.of(17.0, 18.0, 19.0), times, "the newest are kept");
                }
                assertEquals(34, p.stats().dropped());
            }
        }
        assertTrue(status.contains("mqtt: 34 oldest messages were dropped while the broker was away (mqtt.queue 6)"),
                "" + status);
    }

    @Test
    void badCredentialsAreReportedOnceAndRightOnesConnect() throws Exception {
        try (Mosquitto broker = Mosquitto.create(tmp, "hark", "s3cret").start()) {
            MqttSettings s = MqttSettings.of("127.0.0.1", broker.port);
            try (MqttPublisher p = publisher(s.withCredentials("hark", "wrong"), List.of())) {
                p.start();
                Thread.sleep(1500);
                assertEquals(0, p.stats().connections());
            }
            List<String> refused = status.stream().filter(l -> l.contains("refused")).toList();
            assertEquals(List.of("mqtt: broker 127.0.0.1:" + broker.port + " refused user 'hark': bad user name or"
                    + " password (mqtt.user, mqtt.password); retrying in the background"), refused);
            assertFalse(String.join("\n", status).contains("wrong"), "the password is never printed");
            try (MqttPublisher p = publisher(s.withCredentials("hark", "s3cret"), List.of())) {
                p.start();
                awaitConnected(p, 1);
            }
        }
    }

    @Test
    void unknownHostIsReportedOnce() throws Exception {
        try (MqttPublisher p = publisher(MqttSettings.of("no-such-broker.invalid", 1883), List.of())) {
            p.start();
            long until = System.nanoTime() + WAIT.toNanos();
            while (status.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            Thread.sleep(1000);
            p.onEvent(onset("dog", 1, 0.9));
            assertEquals(2, p.stats().queued());
        }
        assertEquals(List.of("mqtt: unknown broker host 'no-such-broker.invalid' (mqtt.host); retrying in the"
                + " background", "mqtt: 2 messages not sent at shutdown (no broker at no-such-broker.invalid:1883)"),
                status);
    }

    @Test
    void aPortWhereNoBrokerAnswersIsReportedOnce() throws Exception {
        try (ServerSocket notMqtt = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread web = new Thread(() -> {   // a service of another protocol: answers garbage and hangs up
                while (!notMqtt.isClosed()) {
                    try (Socket c = notMqtt.accept()) {
                        c.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            web.setDaemon(true);
            web.start();
            try (MqttPublisher p = publisher(MqttSettings.of("127.0.0.1", notMqtt.getLocalPort()), List.of())) {
                p.start();
                Thread.sleep(1500);
                assertEquals(0, p.stats().connections());
            }
            assertEquals(List.of("mqtt: 127.0.0.1:" + notMqtt.getLocalPort() + " hung up without an MQTT answer (is"
                    + " it an MQTT broker? is mqtt.port right?); retrying in the background"), status);
        }
    }
}
