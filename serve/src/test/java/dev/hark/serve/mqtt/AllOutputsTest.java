package dev.hark.serve.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hark.serve.HarkService;
import dev.hark.serve.Scenes;
import dev.hark.serve.config.ServeConfig;
import dev.hark.serve.http.Http;
import dev.hark.serve.sink.Json;
import dev.hark.serve.store.EventQuery;
import dev.hark.serve.store.StoredEvent;
import dev.hark.testkit.Mosquitto;
import dev.hark.testkit.MqttSubscriber;
import dev.hark.testkit.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real-time scene through {@code hark serve} with every output on, configured from a YAML file as a user
 * writes it: the dog's onset reaches the database, the live stream, the broker (with Home Assistant discovery)
 * and the webhook receiver, within a second of each other.
 */
class AllOutputsTest {
    @TempDir
    Path dir;

    @Test
    void aSceneReachesTheStoreTheStreamTheBrokerAndTheWebhookWithinASecond() throws Exception {
        Path scene = Scenes.dogAndRooster(dir);
        Path state = dir.resolve("state");
        try (Mosquitto broker = Mosquitto.create(dir.resolve("broker")).start(); WebhookReceiver hook = new WebhookReceiver()) {
            Path yaml = dir.resolve("hark.yaml");
            Files.writeString(yaml, String.join("\n",
                    "source:", "  input: " + scene, "  realtime: true",
                    "events:", "  labels: [dog]",
                    "store:", "  path: " + state.resolve("events.db"),
                    "clips:", "  dir: " + state.resolve("clips"),
                    "http:", "  port: 0",
                    "output:", "  status-interval-seconds: 0",
                    "mqtt:", "  host: 127.0.0.1", "  port: " + broker.port, "  device: test",
                    "webhooks:", "  - url: " + hook.url(), ""));
            ServeConfig cfg = ServeConfig.load(yaml, Map.of(), Map.of());
            Map<String, Long> arrived = new ConcurrentHashMap<>();
            try (MqttSubscriber sub = MqttSubscriber.connect(broker.port, "all-outputs-test", false, "hark/#",
                    "homeassistant/#"); HarkService s = HarkService.builder(cfg).build()) {
                s.startApi();
                List<Http.Sse> sse = Http.newList();
                Thread reader = new Http(s.port(), null).stream(sse);
                long until = System.nanoTime() + 10_000_000_000L;
                while (s.hub().subscribers() < 1 && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                s.startListening();
                Thread watcher = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        long now = System.nanoTime();
                        if (!s.store().query(EventQuery.all()).isEmpty()) {
                            arrived.putIfAbsent("store", now);
                        }
                        if (sse.stream().anyMatch(e -> "event".equals(e.event()))) {
                            arrived.putIfAbsent("stream", now);
                        }
                        if (!sub.on("hark/test/event").isEmpty()) {
                            arrived.putIfAbsent("mqtt", now);
                        }
                        if (!hook.accepted().isEmpty()) {
                            arrived.putIfAbsent("webhook", now);
                        }
                        try {
                            Thread.sleep(10);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                watcher.start();
                assertTrue(s.await(120, TimeUnit.SECONDS));
                Scenes.settle(s);
                sub.await("hark/test/event", 2, Duration.ofSeconds(10));
                hook.awaitAccepted(2, 10_000);
                watcher.interrupt();
                watcher.join();
                reader.interrupt();

                List<StoredEvent> stored = s.store().query(EventQuery.all());
                assertEquals(List.of("dog"), stored.stream().map(StoredEvent::concept).toList());
                assertEquals(Map.of("store", 1, "stream", 1, "mqtt", 1, "webhook", 1).keySet(), arrived.keySet(),
                        "every output got the event: " + arrived.keySet());
                long first = arrived.values().stream().mapToLong(Long::longValue).min().orElseThrow();
                long last = arrived.values().stream().mapToLong(Long::longValue).max().orElseThrow();
                assertTrue(last - first < 1_000_000_000L, "within 1 s of each other: " + (last - first) / 1e6 + " ms");

                JsonNode onset = Json.MAPPER.readTree(sub.on("hark/test/event").get(0).payload());
                assertEquals("dog", onset.get("concept").asText());
                assertEquals("onset", onset.get("event_type").asText());
                JsonNode hooked = Json.MAPPER.readTree(hook.accepted().get(0));
                assertEquals("dog", hooked.get("concept").asText());
                try (MqttSubscriber late = MqttSubscriber.connect(broker.port, "all-outputs-late", false,
                        "homeassistant/#")) { // discovery is retained: a subscriber that comes later gets it too
                    String topic = "homeassistant/binary_sensor/hark_test/dog/config";
                    assertTrue(late.await(topic, 1, Duration.ofSeconds(10)).get(0).retained(), topic);
                }
                assertEquals(List.of("OFF", "ON", "OFF"), sub.on("hark/test/dog/state").stream()
                        .map(MqttSubscriber.Msg::payload).toList());
            }
        }
    }
}
