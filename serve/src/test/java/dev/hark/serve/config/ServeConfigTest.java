package dev.hark.serve.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.BadInputException;
import dev.hark.serve.mqtt.MqttSettings;
import dev.hark.serve.webhook.WebhookSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeConfigTest {
    @TempDir
    Path dir;

    @Test
    void eachSectionIsReadByItsOwnClassFromTheYamlFile() throws Exception {
        Path f = dir.resolve("hark.yaml");
        Files.writeString(f, String.join("\n",
                "source:", "  input: scene.wav", "  realtime: true",
                "events:", "  threshold: 0.4", "  labels: [Dog]",
                "store:", "  path: /tmp/x/events.db", "  busy-timeout-ms: 100",
                "clips:", "  dir: ~/clips", "  max-age-days: 7", "  max-total-mb: 50", "  keep-per-concept: 3",
                "  no-speech: yes",
                "http:", "  port: 9000",
                "dataset:", "  dir: /tmp/ds",
                "mqtt:", "  broker: tcp://localhost:1883", ""));
        ServeConfig c = ServeConfig.load(f, Map.of(), Map.of("http.port", "9001"));
        assertEquals(Path.of("scene.wav"), c.listen().input());
        assertTrue(c.listen().realtime());
        assertEquals(0.4, c.listen().events().threshold());
        assertEquals(Path.of("/tmp/x/events.db"), c.store().path());
        assertEquals(100, c.store().busyTimeoutMs());
        assertEquals(Path.of(System.getProperty("user.home"), "clips"), c.clips().dir());
        assertEquals(7, c.clips().maxAgeDays());
        assertEquals(50, c.clips().maxTotalMb());
        assertEquals(3, c.clips().keepPerConcept());
        assertTrue(c.clips().noSpeech());
        assertEquals(9001, c.http().port(), "options override the file");
        assertEquals("127.0.0.1", c.http().host());
        assertNull(c.http().token());
        assertEquals(Path.of("/tmp/ds"), c.dataset().dir());
        assertEquals("tcp://localhost:1883", c.other("mqtt").values().get("broker"), "handed over raw");
        assertTrue(c.other("webhooks").values().isEmpty());
    }

    @Test
    void defaultsLiveInHarksOwnDirectory() {
        ServeConfig c = ServeConfig.of(Map.of());
        Path home = Path.of(System.getProperty("user.home"), ".hark");
        assertEquals(home.resolve("events.db"), c.store().path());
        assertEquals(home.resolve("clips"), c.clips().dir());
        assertEquals(home.resolve("dataset"), c.dataset().dir());
        assertEquals(HttpSettings.DEFAULT_PORT, c.http().port());
        assertEquals("127.0.0.1", c.http().host());
        assertFalse(c.clips().noSpeech());
    }

    @Test
    void theMqttAndWebhookSectionsComeFromTheOneReadOfTheFile() throws Exception {
        Path f = dir.resolve("outputs.yaml");
        Files.writeString(f, String.join("\n",
                "mqtt:", "  host: broker.lan", "  port: 1884", "  user:", "  level-interval-seconds: 0.5",
                "webhooks:", "  - url: https://example.org/hark", "    headers:", "      Authorization: Bearer abc",
                "    retries: 2", "  - url: http://127.0.0.1:8123/hook", ""));
        ServeConfig c = ServeConfig.load(f, Map.of(), Map.of());
        MqttSettings m = MqttSettings.fromMap(c.output(MqttSettings.SECTION));
        assertEquals("tcp://broker.lan:1884", m.serverUri());
        assertNull(m.user(), "an empty value is no value");
        assertEquals(0.5, m.levelIntervalSeconds());
        WebhookSettings w = WebhookSettings.fromList(c.output(WebhookSettings.SECTION));
        assertEquals(2, w.targets().size());
        assertEquals(Map.of("Authorization", "Bearer abc"), w.targets().get(0).headers());
        assertEquals(2, w.targets().get(0).retries());
        assertEquals(5, w.targets().get(1).retries());
        Files.writeString(f, "mqtt: broker.lan\nwebhooks:\n  - http://a.example\n");
        ServeConfig bad = ServeConfig.load(f, Map.of(), Map.of());
        assertEquals("bad value for mqtt: expected a map of settings, got 'broker.lan'",
                assertThrows(BadInputException.class, () -> MqttSettings.fromMap(bad.output("mqtt"))).getMessage());
        assertThrows(BadInputException.class, () -> WebhookSettings.fromList(bad.output("webhooks")));
        assertNull(ServeConfig.of(Map.of()).output("mqtt"), "no section, no publisher");
    }

    @Test
    void anUnknownKeyIsRefusedInOneLineNamingIt() {
        for (String key : new String[] {"store.pth", "clips.max-age", "http.prot", "dataset.folder", "sourc.input"}) {
            BadInputException e = assertThrows(BadInputException.class, () -> ServeConfig.of(Map.of(key, "1")));
            assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void badValuesNameTheirKey() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> ServeConfig.of(Map.of("clips.keep-per-concept", "-1")));
        assertEquals("bad value for clips.keep-per-concept: -1 (allowed 0 to 1000000)", e.getMessage());
        e = assertThrows(BadInputException.class, () -> ServeConfig.of(Map.of("http.port", "http")));
        assertTrue(e.getMessage().startsWith("bad value for http.port: 'http'"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> ServeConfig.of(Map.of("store", "x.db")));
        assertTrue(e.getMessage().contains("'store'"), e.getMessage());
    }

    @Test
    void anotherAddressThanLoopbackNeedsAToken() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> ServeConfig.of(Map.of("http.host", "0.0.0.0")));
        assertTrue(e.getMessage().contains("http.token"), e.getMessage());
        e = assertThrows(BadInputException.class,
                () -> ServeConfig.of(Map.of("http.host", "0.0.0.0", "http.token", "short")));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
        ServeConfig ok = ServeConfig.of(Map.of("http.host", "0.0.0.0", "http.token", "0123456789abcdef"));
        assertEquals("0123456789abcdef", ok.http().token());
        assertEquals("localhost", ServeConfig.of(Map.of("http.host", "localhost")).http().host());
    }
}
