package dev.hark.serve.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.core.audio.AudioFiles;
import dev.hark.core.concepts.LevelMeter;
import dev.hark.core.events.DetectionEvent;
import dev.hark.live.DetectionListener;
import dev.hark.live.Detector;
import dev.hark.live.capture.FileSource;
import dev.hark.serve.webhook.WebhookSettings;
import dev.hark.serve.webhook.WebhookTarget;
import dev.hark.serve.webhook.Webhooks;
import dev.hark.testkit.Mosquitto;
import dev.hark.testkit.MqttSubscriber;
import dev.hark.testkit.TestData;
import dev.hark.testkit.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Detector on the ESC-50 dog clip feeding both sinks: the broker and the webhook get every event it found. */
class RealDetectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static String key(JsonNode j) {
        return j.get("event_type").asText() + " " + j.get("concept").asText() + " " + j.get("time_seconds").asText();
    }

    @Test
    void everyEventOfARealRunReachesTheBrokerAndTheWebhook() throws Exception {
        List<DetectionEvent> found = Collections.synchronizedList(new ArrayList<>());
        List<String> status = Collections.synchronizedList(new ArrayList<>());
        try (Mosquitto broker = Mosquitto.create(tmp).start();
                MqttSubscriber sub = MqttSubscriber.connect(broker.port, "watcher", false, "hark/#");
                WebhookReceiver receiver = new WebhookReceiver()) {
            MqttSettings s = MqttSettings.of("127.0.0.1", broker.port).withDevice("test").withLevelInterval(1);
            try (MqttPublisher mqtt = MqttPublisher.builder(s).concepts(List.of("dog")).status(status::add).build();
                    Webhooks hooks = new Webhooks(new WebhookSettings(List.of(WebhookTarget.of(receiver.url()))),
                            "test", status::add);
                    Detector detector = Detector.builder().source(new FileSource(TestData.dogClip(), false)).build()) {
                mqtt.start();
                hooks.start();
                detector.addListener(DetectionListener.forEvents(found::add));
                detector.addListener(mqtt);
                detector.addListener(hooks);
                detector.start();
                assertTrue(detector.await(120, TimeUnit.SECONDS));
            }   // closing sends what is queued
            List<String> expected = new ArrayList<>();
            for (DetectionEvent e : found) {
                expected.add(e.type().jsonName() + " " + e.label() + " "
                        + Math.round(e.timeSeconds() * 1000) / 1000.0);
            }
            assertTrue(expected.contains(expected.stream().filter(k -> k.startsWith("onset dog ")).findFirst()
                    .orElse("no dog")), "a dog in the dog clip: " + expected);

            List<String> atBroker = new ArrayList<>();
            for (MqttSubscriber.Msg m : sub.await("hark/test/event", expected.size(), Duration.ofSeconds(10))) {
                atBroker.add(key(JSON.readTree(m.payload())));
            }
            List<String> atWebhook = new ArrayList<>();
            for (String body : receiver.awaitAccepted(expected.size(), 10_000)) {
                atWebhook.add(key(JSON.readTree(body)));
            }
            assertEquals(expected, atBroker);
            assertEquals(expected, atWebhook);
            List<String> dogStates = sub.on("hark/test/dog/state").stream().map(MqttSubscriber.Msg::payload).toList();
            long dogOnsets = found.stream().filter(e -> e.label().equals("dog")
                    && e.type() == DetectionEvent.Type.ONSET).count();
            assertEquals(1 + 2 * dogOnsets, dogStates.size(), "OFF, then ON and OFF per dog: " + dogStates);
            assertEquals("OFF", dogStates.get(dogStates.size() - 1));
            List<MqttSubscriber.Msg> levels = sub.on("hark/test/level");
            assertFalse(levels.isEmpty(), "the sound level of a 5 s clip at one per second");
            assertTrue(levels.size() <= 5, "" + levels);
            // Each value is the level of one second of the clip (a fast replay keeps only the newest of those that
            // came while one was being sent); the last second's is always sent.
            float[] clip = AudioFiles.readMono16k(TestData.dogClip());
            List<Double> seconds = new ArrayList<>();
            LevelMeter meter = new LevelMeter(16_000);
            meter.accept(0, clip, 0, clip.length, (start, dbfs) -> seconds.add(MqttPublisher.tenths(dbfs)));
            List<Double> db = levels.stream().map(l -> Double.parseDouble(l.payload())).toList();
            assertTrue(seconds.containsAll(db), db + " are levels of " + seconds);
            assertEquals(seconds.get(seconds.size() - 1), db.get(db.size() - 1));
            assertEquals("offline", sub.on("hark/test/availability").get(sub.on("hark/test/availability").size() - 1)
                    .payload());
        }
    }
}
