package dev.hark.serve.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.core.events.DetectionEvent;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The one JSON form of an event that the MQTT publisher and the webhooks send:
 * <pre>{"event_type":"onset","concept":"dog","score":0.91,"time_seconds":3.84,"start_seconds":2.88,
 * "end_seconds":3.84,"wall_time":"2026-12-02T00:31:07.412Z","device":"kitchen"}</pre>
 * {@code wall_time} is the clock when the detector reported it, to the millisecond; {@code event_type} is {@code onset} or {@code offset} (the name Home Assistant's MQTT event entity reads);
 * at an offset {@code score} is the event's peak and {@code end_seconds} its end. Times in seconds on the stream.
 */
public final class EventJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventJson() {
    }

    /** The JSON object of {@code event}, heard by {@code device} at {@code wallTime}. */
    public static ObjectNode of(DetectionEvent event, String device, Instant wallTime) {
        ObjectNode o = JSON.createObjectNode();
        o.put("event_type", event.type().jsonName());
        o.put("concept", event.label());
        o.put("score", round(event.score(), 4));
        o.put("time_seconds", round(event.timeSeconds(), 3));
        o.put("start_seconds", round(event.startSeconds(), 3));
        o.put("end_seconds", round(event.endSeconds(), 3));
        o.put("wall_time", wallTime.truncatedTo(ChronoUnit.MILLIS).toString());
        o.put("device", device);
        return o;
    }

    /** {@code node} as compact UTF-8 JSON. */
    public static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON mapper for the outputs' other messages (the same settings). */
    public static ObjectMapper mapper() {
        return JSON;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
