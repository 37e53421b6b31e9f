package dev.hark.serve.mqtt;

import dev.hark.errors.BadInputException;
import dev.hark.serve.config.Section;
import java.nio.file.Path;
import java.util.Set;

/**
 * The {@code mqtt:} section of {@code hark.yaml}, validated once. Only {@code host} is required.
 *
 * @param host the broker's host name or address
 * @param port its port (1883, or 8883 with TLS)
 * @param clientId the MQTT client id (default {@code hark-DEVICE})
 * @param user user name, or null
 * @param password password, or null (needs a user)
 * @param tlsCa a PEM file of the certificate authority the broker's certificate must chain to; set: TLS is used
 * @param topicPrefix the first level of Hark's topics ({@code hark})
 * @param discoveryPrefix Home Assistant's discovery prefix ({@code homeassistant})
 * @param device this listener's name: the second level of its topics and the Home Assistant device
 * @param qos the quality of service of events and states (0, 1 or 2)
 * @param queue most messages kept while the broker is away (the oldest are dropped beyond it, and counted)
 * @param levelIntervalSeconds seconds of audio per sound-level message
 */
public record MqttSettings(String host, int port, String clientId, String user, String password, Path tlsCa,
        String topicPrefix, String discoveryPrefix, String device, int qos, int queue, double levelIntervalSeconds) {
    public static final String SECTION = "mqtt";
    public static final Set<String> KEYS = Set.of("host", "port", "client-id", "user", "password", "tls-ca",
            "topic-prefix", "discovery-prefix", "device", "qos", "queue", "level-interval-seconds");

    public MqttSettings {
        if (host == null || host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == '/')) {
            throw new BadInputException("bad value for mqtt.host: '" + host + "' (expected a host name or address)");
        }
        if (password != null && user == null) {
            throw new BadInputException("mqtt.password is set but mqtt.user is not");
        }
        topicLevel("mqtt.topic-prefix", topicPrefix, true);
        topicLevel("mqtt.discovery-prefix", discoveryPrefix, true);
        topicLevel("mqtt.device", device, false);
        if (clientId.isEmpty() || clientId.length() > 65_535) {
            throw new BadInputException("bad value for mqtt.client-id: '" + clientId + "'");
        }
    }

    /** Parses the section (a map as parsed from YAML); absent keys take their defaults. */
    public static MqttSettings fromMap(Object section) {
        Section r = Section.of(SECTION, section, KEYS);
        Path ca = r.path("tls-ca", null);
        String device = r.string("device", "hark");
        return new MqttSettings(r.required("host"), r.integer("port", ca == null ? 1883 : 8883, 1, 65_535),
                r.string("client-id", "hark-" + device), r.string("user", null), r.string("password", null), ca,
                r.string("topic-prefix", "hark"), r.string("discovery-prefix", "homeassistant"), device,
                r.integer("qos", 1, 0, 2), r.integer("queue", 1000, 1, 1_000_000),
                r.number("level-interval-seconds", 5, 0.1, 3600));
    }

    /** Defaults for a broker at {@code host:port} (tests and code). */
    public static MqttSettings of(String host, int port) {
        return new MqttSettings(host, port, "hark-hark", null, null, null, "hark", "homeassistant", "hark", 1, 1000,
                5);
    }

    public MqttSettings withDevice(String d) {
        return new MqttSettings(host, port, "hark-" + d, user, password, tlsCa, topicPrefix, discoveryPrefix, d, qos,
                queue, levelIntervalSeconds);
    }

    public MqttSettings withQueue(int q) {
        return new MqttSettings(host, port, clientId, user, password, tlsCa, topicPrefix, discoveryPrefix, device,
                qos, q, levelIntervalSeconds);
    }

    public MqttSettings withCredentials(String u, String p) {
        return new MqttSettings(host, port, clientId, u, p, tlsCa, topicPrefix, discoveryPrefix, device, qos, queue,
                levelIntervalSeconds);
    }

    public MqttSettings withLevelInterval(double seconds) {
        return new MqttSettings(host, port, clientId, user, password, tlsCa, topicPrefix, discoveryPrefix, device,
                qos, queue, seconds);
    }

    /** The broker's address as Paho takes it: {@code tcp://host:port}, or {@code ssl://} with a CA. */
    public String serverUri() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return (tlsCa == null ? "tcp://" : "ssl://") + h + ":" + port;
    }

    /** The broker as messages name it. */
    public String where() {
        return host + ":" + port;
    }

    @Override
    public String toString() {   // never print the password
        return "MqttSettings[" + serverUri() + ", client " + clientId + ", user " + user + ", device " + device + "]";
    }

    private static void topicLevel(String key, String v, boolean slashes) {
        boolean bad = v == null || v.isEmpty() || v.startsWith("/") || v.endsWith("/") || v.contains("//")
                || v.chars().anyMatch(c -> c == '+' || c == '#' || c == 0 || (!slashes && c == '/') || c <= ' ');
        if (bad) {
            throw new BadInputException("bad value for " + key + ": '" + v + "' (a topic level"
                    + (slashes ? "s" : "") + " without spaces, '+', '#'" + (slashes ? " or empty levels" : " or '/'")
                    + ")");
        }
    }
}
