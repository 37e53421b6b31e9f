package dev.hark.serve.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.serve.store.StoredEvent;
import java.time.Instant;

/** The JSON of the service's records (API responses and stream messages), through one Jackson mapper. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A number rounded to 4 decimals (scores, seconds), or null for NaN. */
    public static void put(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, Math.round(v * 10_000) / 10_000.0);
        }
    }

    /** One stored event as the API shows it. */
    public static ObjectNode event(StoredEvent e) {
        ObjectNode o = object();
        o.put("id", e.id());
        o.put("concept", e.concept());
        put(o, "score", e.score());
        put(o, "start_seconds", e.startSeconds());
        put(o, "end_seconds", e.endSeconds());
        o.put("wall_time", Instant.ofEpochMilli(e.wallTimeMillis()).toString());
        ArrayNode top = o.putArray("top_labels");
        for (StoredEvent.TopLabel t : e.topLabels()) {
            ObjectNode l = top.addObject();
            l.put("label", t.label());
            put(l, "score", t.score());
        }
        o.put("device", e.device());
        if (e.clipPath() != null) {
            o.put("clip", "/api/events/" + e.id() + "/clip");
        } else {
            o.putNull("clip");
        }
        if (e.verdict() != null) {
            o.put("verdict", e.verdict());
        } else {
            o.putNull("verdict");
        }
        return o;
    }
}
