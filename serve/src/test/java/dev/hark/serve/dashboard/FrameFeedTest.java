package dev.hark.serve.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hark.serve.sink.EventHub;
import dev.hark.serve.sink.Json;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Frames are quantised, batched and sent only to clients that asked for them. */
class FrameFeedTest {
    @Test
    void everyByteStandsForItsValueWithinHalfAStep() {
        double step = (FrameFeed.HIGH - FrameFeed.LOW) / 255;
        for (double v = FrameFeed.LOW; v <= FrameFeed.HIGH; v += 0.001) {
            double back = FrameFeed.value(FrameFeed.quantise((float) v));
            assertTrue(Math.abs(back - v) <= step / 2 + 1e-6, v + " came back as " + back);
        }
        assertEquals(0, FrameFeed.quantise(-50f) & 0xff, "below the range: 0");
        assertEquals(255, FrameFeed.quantise(40f) & 0xff, "above it: 255");
        assertEquals(0, FrameFeed.quantise(Float.NEGATIVE_INFINITY) & 0xff);
    }

    @Test
    void fiveFramesMakeOneMessageForClientsThatAskForFrames() throws Exception {
        EventHub hub = new EventHub(64);
        FrameFeed feed = new FrameFeed(hub);
        try (EventHub.Subscription plain = hub.subscribe(); EventHub.Subscription frames =
                hub.subscribe(Set.of("frames", "window"))) {
            float[][] sent = new float[12][64];
            for (int i = 0; i < sent.length; i++) {
                for (int b = 0; b < 64; b++) {
                    sent[i][b] = (float) (FrameFeed.LOW + (i * 64 + b) % 97 * 0.12);
                }
                feed.onFrame(1.5 + i * 0.01, sent[i]);
            }
            assertEquals(2, feed.sent(), "12 frames: two full messages, two frames waiting");
            assertNull(plain.next(0), "the default types have no frames");
            for (int m = 0; m < 2; m++) {
                EventHub.Message msg = frames.next(0);
                assertEquals("frames", msg.type());
                JsonNode j = Json.MAPPER.readTree(msg.json());
                assertEquals(1.5 + m * 0.05, j.get("start_seconds").asDouble(), 1e-9);
                assertEquals(5, j.get("frames").asInt());
                byte[] data = Base64.getDecoder().decode(j.get("data").asText());
                assertEquals(5 * 64, data.length);
                for (int f = 0; f < 5; f++) {
                    for (int b = 0; b < 64; b++) {
                        assertEquals(sent[m * 5 + f][b], FrameFeed.value(data[f * 64 + b]), 0.025,
                                "frame " + (m * 5 + f) + " band " + b);
                    }
                }
            }
            assertNull(frames.next(0));
        }
        long before = feed.sent();
        for (int i = 0; i < 20; i++) {
            feed.onFrame(i * 0.01, new float[64]);
        }
        assertEquals(before, feed.sent(), "no client asks for frames: none are made");
    }
}
