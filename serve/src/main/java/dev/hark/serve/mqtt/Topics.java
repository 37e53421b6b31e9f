package dev.hark.serve.mqtt;

import java.util.Locale;

/**
 * Every topic Hark publishes to or listens on (P is {@code mqtt.topic-prefix}, D {@code mqtt.device}, H
 * {@code mqtt.discovery-prefix}, C a concept's slug, N the node id {@code hark_D}):
 * <ul>
 * <li>{@code P/D/availability}: {@code online} / {@code offline}, retained; {@code offline} is also the last will</li>
 * <li>{@code P/D/event}: every onset and offset as JSON ({@link dev.hark.serve.sink.EventJson}), not retained</li>
 * <li>{@code P/D/C/state}: {@code ON} at an onset, {@code OFF} at its offset, retained</li>
 * <li>{@code P/D/level}: the sound level in dBFS, a number, not retained</li>
 * <li>{@code H/binary_sensor/N/C/config}, {@code H/event/N/event/config}, {@code H/sensor/N/level/config}:
 * Home Assistant discovery, retained</li>
 * <li>{@code H/status}: Home Assistant's birth and will; {@code online} makes Hark publish its discovery again</li>
 * </ul>
 */
public final class Topics {
    private final String base;
    private final String discovery;
    private final String node;

    public Topics(MqttSettings s) {
        this.base = s.topicPrefix() + "/" + s.device();
        this.discovery = s.discoveryPrefix();
        this.node = slug("hark_" + s.device());
    }

    /**
     * A concept's name as a topic level and id: lower case, every run of characters other than letters, digits,
     * '-' and '_' made one '_', none at either end ({@code "Glass breaking"} -> {@code glass_breaking}).
     */
    public static String slug(String concept) {
        String s = concept.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_-]+", "_")
                .replaceAll("^_+|_+$", "");
        return s.isEmpty() ? "_" : s;
    }

    public String availability() {
        return base + "/availability";
    }

    public String event() {
        return base + "/event";
    }

    public String state(String concept) {
        return base + "/" + slug(concept) + "/state";
    }

    public String level() {
        return base + "/level";
    }

    /** Home Assistant's status topic. */
    public String homeAssistantStatus() {
        return discovery + "/status";
    }

    /** The discovery topic of one entity: {@code H/COMPONENT/N/OBJECT/config}. */
    public String discovery(String component, String objectId) {
        return discovery + "/" + component + "/" + node + "/" + objectId + "/config";
    }

    /** The node id: {@code hark_D}, also the prefix of every unique id. */
    public String node() {
        return node;
    }
}
