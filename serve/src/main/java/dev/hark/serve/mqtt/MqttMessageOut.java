package dev.hark.serve.mqtt;

import java.nio.charset.StandardCharsets;

/**
 * One message to publish.
 *
 * @param topic where
 * @param payload the bytes (never written after creation)
 * @param retained whether the broker keeps it for later subscribers
 */
public record MqttMessageOut(String topic, byte[] payload, boolean retained) {
    static MqttMessageOut text(String topic, String text, boolean retained) {
        return new MqttMessageOut(topic, text.getBytes(StandardCharsets.UTF_8), retained);
    }

    @Override
    public String toString() {
        return topic + " " + new String(payload, StandardCharsets.UTF_8) + (retained ? " (retained)" : "");
    }
}
