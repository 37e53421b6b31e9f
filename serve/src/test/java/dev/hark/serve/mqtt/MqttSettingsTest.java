package dev.hark.serve.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hark.core.concepts.LevelMeter;
import dev.hark.errors.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttSettingsTest {
    @TempDir
    Path tmp;

    static String error(Object section) {
        return assertThrows(BadInputException.class, () -> MqttSettings.fromMap(section)).getMessage();
    }

    static Map<String, Object> with(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", "broker.lan");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void defaultsAndEveryKey() {
        MqttSettings d = MqttSettings.fromMap(Map.of("host", "broker.lan"));
        assertEquals(new MqttSettings("broker.lan", 1883, "hark-hark", null, null, null, "hark", "homeassistant",
                "hark", 1, 1000, 5), d);
        assertEquals("tcp://broker.lan:1883", d.serverUri());
        MqttSettings all = MqttSettings.fromMap(with("port", "1884", "client-id", "me", "user", "u", "password",
                "p", "tls-ca", "/etc/ca.pem", "topic-prefix", "home/sound", "discovery-prefix", "ha", "device",
                "porch", "qos", 2, "queue", 10, "level-interval-seconds", 0.5));
        assertEquals(new MqttSettings("broker.lan", 1884, "me", "u", "p", Path.of("/etc/ca.pem"), "home/sound", "ha",
                "porch", 2, 10, 0.5), all);
        assertEquals("ssl://broker.lan:1884", all.serverUri());
        assertEquals(8883, MqttSettings.fromMap(with("tls-ca", "/etc/ca.pem")).port(), "TLS default port");
        assertEquals("ssl://[::1]:8883", MqttSettings.fromMap(Map.of("host", "::1", "tls-ca", "ca.pem")).serverUri());
        assertFalse(all.toString().contains("p]") || all.toString().contains(", p,"), all.toString());
        Topics t = new Topics(all);
        assertEquals("home/sound/porch/event", t.event());
        assertEquals("ha/binary_sensor/hark_porch/dog/config", t.discovery("binary_sensor", "dog"));
        assertEquals("ha/status", t.homeAssistantStatus());
    }

    @Test
    void mistakesAreOneLineNamingTheKey() {
        assertEquals("missing setting mqtt.host", error(Map.of("port", 1883)));
        assertEquals("unknown setting 'mqtt.username' (known: client-id, device, discovery-prefix, host,"
                + " level-interval-seconds, password, port, qos, queue, tls-ca, topic-prefix, user)",
                error(with("username", "x")));
        assertEquals("bad value for mqtt.port: 70000 (allowed 1 to 65535)", error(with("port", 70000)));
        assertEquals("bad value for mqtt.port: 'mqtt' (expected a whole number)", error(with("port", "mqtt")));
        assertEquals("bad value for mqtt.port: '1883.5' (expected a whole number)", error(with("port", 1883.5)));
        assertEquals("bad value for mqtt.qos: 3 (allowed 0 to 2)", error(with("qos", 3)));
        assertEquals("bad value for mqtt.queue: 0 (allowed 1 to 1000000)", error(with("queue", 0)));
        assertEquals("bad value for mqtt.level-interval-seconds: 0 (allowed 0.1 to 3600)",
                error(with("level-interval-seconds", 0)));
        assertEquals("bad value for mqtt.host: 'a b' (expected a host name or address)", error(Map.of("host", "a b")));
        assertEquals("bad value for mqtt.host: '' (must not be empty)", error(Map.of("host", "")));
        assertEquals("bad value for mqtt.device: 'a/b' (a topic level without spaces, '+', '#' or '/')",
                error(with("device", "a/b")));
        assertEquals("bad value for mqtt.topic-prefix: 'hark/#' (a topic levels without spaces, '+', '#' or empty"
                + " levels)", error(with("topic-prefix", "hark/#")));
        assertEquals("bad value for mqtt.user: '[a]' (expected a single value)", error(with("user", List.of("a"))));
        assertEquals("mqtt.password is set but mqtt.user is not", error(with("password", "x")));
        assertEquals("bad value for mqtt: expected a map of settings, got 'broker.lan'", error("broker.lan"));
    }

    @Test
    void aBadCaFileIsOneLineAtBuild() throws Exception {
        Path missing = tmp.resolve("none.pem");
        MqttSettings s = MqttSettings.fromMap(with("tls-ca", missing.toString()));
        assertEquals("mqtt.tls-ca: no such file: " + missing,
                assertThrows(BadInputException.class, () -> MqttPublisher.builder(s).build()).getMessage());
        Path junk = Files.writeString(tmp.resolve("junk.pem"), "not a certificate\n");
        String m = assertThrows(BadInputException.class,
                () -> MqttPublisher.builder(MqttSettings.fromMap(with("tls-ca", junk.toString()))).build())
                .getMessage();
        assertEquals("mqtt.tls-ca: " + junk + " ", m.substring(0, ("mqtt.tls-ca: " + junk + " ").length()));
    }

    /** The levels {@code meter} completes with these samples, as MQTT publishes them (0.1 dB). */
    static List<Double> levels(LevelMeter meter, float[] x, int off, int len) {
        List<Double> out = new ArrayList<>();
        meter.accept(off, x, off, len, (start, db) -> out.add(MqttPublisher.tenths(db)));
        return out;
    }

    @Test
    void levelMeterMeasuresRmsInDbfsOncePerInterval() {
        LevelMeter meter = new LevelMeter(1600);
        float[] square = new float[4000];
        for (int i = 0; i < square.length; i++) {
            square[i] = (i / 8) % 2 == 0 ? 0.25f : -0.25f;   // RMS 0.25: 20 log10(0.25) = -12.04 dBFS
        }
        assertEquals(List.of(), levels(meter, square, 0, 1000));
        assertEquals(List.of(-12.0), levels(meter, square, 1000, 1000));
        assertEquals(List.of(), levels(meter, square, 2000, 1000), "1800 samples into the second interval");
        assertEquals(List.of(-12.0), levels(meter, square, 3000, 1000));
        assertEquals(List.of(LevelMeter.SILENCE_DBFS), levels(new LevelMeter(10), new float[10], 0, 10), "silence");
        assertEquals(List.of(0.0), levels(new LevelMeter(4), new float[] {1, -1, 1, -1}, 0, 4));
        assertEquals(-20.7, MqttPublisher.tenths(-20.6999));
    }

    @Test
    void conceptsBecomeTopicLevels() {
        assertEquals("glass_breaking", Topics.slug("Glass breaking"));
        assertEquals("dog", Topics.slug(" Dog "));
        assertEquals("speech_music", Topics.slug("Speech/music#+"));
        assertEquals("chien_aboie", Topics.slug("Chien aboie"));
    }
}
