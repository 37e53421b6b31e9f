package dev.hark.serve.mqtt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.serve.sink.EventJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Home Assistant MQTT discovery: the retained config messages announcing one device with, per concept, a
 * {@code binary_sensor} of {@code device_class: sound}; one {@code event} entity (event types {@code onset} and
 * {@code offset}, with the concept and score as attributes); and one sound-level {@code sensor} in dBFS. Every entity
 * shares the availability topic.
 */
public final class Discovery {
    /** The {@code payload_available} / {@code payload_not_available} of every entity. */
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";
    public static final String ON = "ON";
    public static final String OFF = "OFF";
    private static final String VERSION = "0.1.0";

    private Discovery() {
    }

    /** The config messages for {@code concepts}, in order: binary sensors, the event entity, the level sensor. */
    public static List<MqttMessageOut> messages(Topics topics, MqttSettings settings, List<String> concepts) {
        List<MqttMessageOut> out = new ArrayList<>();
        for (String concept : concepts) {
            String id = Topics.slug(concept);
            ObjectNode o = entity(topics, settings, concept, topics.node() + "_" + id);
            o.put("device_class", "sound");
            o.put("state_topic", topics.state(concept));
            o.put("payload_on", ON);
            o.put("payload_off", OFF);
            out.add(config(topics.discovery("binary_sensor", id), o));
        }
        ObjectNode ev = entity(topics, settings, "Sound event", topics.node() + "_event");
        ev.put("state_topic", topics.event());
        ArrayNode types = ev.putArray("event_types");
        types.add("onset");
        types.add("offset");
        out.add(config(topics.discovery("event", "event"), ev));
        ObjectNode level = entity(topics, settings, "Sound level", topics.node() + "_level");
        level.put("state_topic", topics.level());
        level.put("unit_of_measurement", "dBFS");
        level.put("state_class", "measurement");
        level.put("suggested_display_precision", 1);
        out.add(config(topics.discovery("sensor", "level"), level));
        return out;
    }

    private static ObjectNode entity(Topics topics, MqttSettings settings, String name, String uniqueId) {
        ObjectNode o = EventJson.mapper().createObjectNode();
        o.put("name", name);
        o.put("unique_id", uniqueId);
        o.put("availability_topic", topics.availability());
        o.put("payload_available", ONLINE);
        o.put("payload_not_available", OFFLINE);
        o.put("qos", settings.qos());
        ObjectNode device = o.putObject("device");
        device.putArray("identifiers").add(topics.node());
        device.put("name", "Hark " + settings.device());
        device.put("manufacturer", "Hark");
        device.put("model", "hark serve");
        device.put("sw_version", VERSION);
        return o;
    }

    private static MqttMessageOut config(String topic, ObjectNode o) {
        return new MqttMessageOut(topic, EventJson.bytes(o), true);
    }
}
