package dev.hark.serve.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.core.events.DetectionEvent;
import dev.hark.serve.sink.Backoff;
import dev.hark.testkit.WebhookReceiver;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Webhooks against a real HTTP receiver that fails, hangs, goes down and comes back. */
class WebhooksTest {
    static final Backoff FAST = new Backoff(20, 200);
    private static final ObjectMapper JSON = new ObjectMapper();
    final List<String> status = Collections.synchronizedList(new ArrayList<>());

    Webhooks hooks(WebhookTarget... targets) {
        return new Webhooks(new WebhookSettings(List.of(targets)), "porch", FAST,
                Clock.fixed(Instant.parse("2026-12-02T01:00:00Z"), ZoneOffset.UTC), status::add);
    }

    static DetectionEvent onset(String label, double t) {
        return new DetectionEvent(DetectionEvent.Type.ONSET, label, 0.875, t, t - 0.96, t);
    }

    static List<Double> times(List<String> bodies) throws Exception {
        List<Double> out = new ArrayList<>();
        for (String b : bodies) {
            out.add(JSON.readTree(b).get("time_seconds").asDouble());
        }
        return out;
    }

    static void awaitDelivered(Webhooks w, long n) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (w.stats().get(0).delivered() < n && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(n, w.stats().get(0).delivered());
    }

    @Test
    void eachEventIsPostedAsJsonWithTheConfiguredHeaders() throws Exception {
        try (WebhookReceiver r = new WebhookReceiver();
                Webhooks w = hooks(WebhookTarget.of(r.url()).withHeaders(Map.of("Authorization", "Bearer t0k3n")))) {
            w.start();
            w.onEvent(onset("dog", 3.84));
            w.onEvent(new DetectionEvent(DetectionEvent.Type.OFFSET, "dog", 0.93, 6.0, 2.88, 6.0));
            List<String> got = r.awaitAccepted(2, 10_000);
            assertEquals(2, got.size());
            JsonNode on = JSON.readTree(got.get(0));
            assertEquals("onset", on.get("event_type").asText());
            assertEquals("dog", on.get("concept").asText());
            assertEquals(0.875, on.get("score").asDouble(), 0);
            assertEquals(2.88, on.get("start_seconds").asDouble(), 1e-9);
            assertEquals("2026-12-02T01:00:00Z", on.get("wall_time").asText());
            assertEquals("porch", on.get("device").asText());
            assertEquals("offset", JSON.readTree(got.get(1)).get("event_type").asText());
            WebhookReceiver.Request first = r.requests().get(0);
            assertEquals(List.of("Bearer t0k3n"), first.headers().get("Authorization"));
            assertEquals(List.of("application/json"), first.headers().get("Content-type"));
        }
    }

    @Test
    void failedAttemptsAreRetriedAndOrderIsKept() throws Exception {
        try (WebhookReceiver r = new WebhookReceiver(); Webhooks w = hooks(WebhookTarget.of(r.url()).withRetries(5))) {
            r.failFirst.set(3);
            w.start();
            for (int i = 0; i < 4; i++) {
                w.onEvent(onset("dog", i));
            }
            List<String> got = r.awaitAccepted(4, 10_000);
            assertEquals(List.of(0.0, 1.0, 2.0, 3.0), times(got));
            assertEquals(7, r.requests().size(), "3 failed attempts of the first event, then 4 accepted");
            assertEquals(List.of(0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0),
                    times(r.requests().stream().map(WebhookReceiver.Request::body).toList()));
            Thread.sleep(100);
            WebhookStats s = w.stats().get(0);
            assertEquals(new WebhookStats(4, 3, 0, 0, 0), s);
            assertEquals(List.of("webhook " + r.url() + ": HTTP 503; retrying with back-off",
                    "webhook " + r.url() + ": delivering again"), status, "a failure and a recovery, once each");
        }
    }

    @Test
    void anEventIsGivenUpAfterItsRetriesAndAClientErrorIsNotRetried() throws Exception {
        try (WebhookReceiver r = new WebhookReceiver(); Webhooks w = hooks(WebhookTarget.of(r.url()).withRetries(2))) {
            r.failFirst.set(3);
            r.failCode = 500;
            w.start();
            w.onEvent(onset("dog", 1));
            w.onEvent(onset("dog", 2));
            assertEquals(List.of(2.0), times(r.awaitAccepted(1, 10_000)));
            assertEquals(4, r.requests().size(), "1 + 2 retries for the first, then the second");
            r.failFirst.set(1);
            r.failCode = 400;
            w.onEvent(onset("dog", 3));
            w.onEvent(onset("dog", 4));
            assertEquals(List.of(2.0, 4.0), times(r.awaitAccepted(2, 10_000)));
            assertEquals(6, r.requests().size(), "a 400 is final: no retry");
            Thread.sleep(100);
            assertEquals(new WebhookStats(2, 2, 2, 0, 0), w.stats().get(0));
        }
        assertTrue(status.stream().anyMatch(s -> s.endsWith("gave up an event after 3 attempts (HTTP 500)")), ""
                + status);
        assertTrue(status.stream().anyMatch(s -> s.endsWith("gave up an event after 1 attempt (HTTP 400)")), ""
                + status);
    }

    @Test
    void aReceiverThatGoesDownGetsEverythingInOrderWhenItComesBack() throws Exception {
        try (WebhookReceiver r = new WebhookReceiver(); Webhooks w = hooks(WebhookTarget.of(r.url()).withRetries(100))) {
            w.start();
            w.onEvent(onset("dog", 0));
            assertEquals(1, r.awaitAccepted(1, 10_000).size());
            awaitDelivered(w, 1);   // its answer reached the sender (else it would rightly be sent again)
            r.down();
            for (int i = 1; i < 6; i++) {
                w.onEvent(onset("dog", i));
            }
            Thread.sleep(800);   // attempts fail with refused connections meanwhile
            assertTrue(w.stats().get(0).retries() >= 2, "" + w.stats());
            assertEquals(5, w.stats().get(0).queued());
            r.up();
            assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0), times(r.awaitAccepted(6, 10_000)));
        }
        assertTrue(status.size() >= 2 && status.get(status.size() - 1).endsWith(": delivering again"), "" + status);
    }

    @Test
    void aHangingReceiverNeverStallsDetectionAndTheQueueIsBounded() throws Exception {
        try (WebhookReceiver r = new WebhookReceiver();
                Webhooks w = hooks(WebhookTarget.of(r.url()).withTimeout(0.5).withQueue(10).withRetries(0))) {
            r.hangMillis = 3_000;
            w.start();
            long worst = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                long t = System.nanoTime();
                w.onEvent(onset("dog", i));
                worst = Math.max(worst, System.nanoTime() - t);
            }
            long total = System.nanoTime() - t0;
            // Waiting for the receiver would take its timeout (0.5 s) per event: 500 s.
            assertTrue(total < 5_000_000_000L, "1000 events handed over in " + total / 1e6 + " ms");
            assertTrue(worst < 300_000_000L, "slowest onEvent " + worst / 1e6 + " ms");
            WebhookStats s = w.stats().get(0);
            assertTrue(s.queued() <= 11, "10 waiting and 1 in flight at most: " + s);
            assertEquals(1000, s.delivered() + s.failed() + s.dropped() + s.queued(), "" + s);
            assertTrue(s.dropped() >= 1000 - 11 - 2, "the oldest dropped beyond the queue of 10: " + s);
            Thread.sleep(1200);   // the hanging attempt times out after 0.5 s: given up (no retries)
            assertTrue(w.stats().get(0).failed() >= 1, "" + w.stats());
            r.hangMillis = 0;
            w.close(10_000);
            WebhookStats end = w.stats().get(0);
            assertEquals(1000, end.delivered() + end.failed() + end.dropped(), "every event accounted for: " + end);
            assertTrue(end.delivered() >= 1 && end.queued() == 0, "sending went on once the receiver answered: " + end);
        }
    }
}
