package dev.hark.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hark.serve.config.ServeConfig;
import dev.hark.serve.config.Tuning;
import dev.hark.serve.http.ApiServer;
import dev.hark.serve.http.Http;
import dev.hark.serve.http.Route;
import dev.hark.serve.store.EventQuery;
import dev.hark.serve.store.EventStore;
import dev.hark.serve.store.StoredEvent;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real-time scene through the whole service: SQLite, HTTP requests and an SSE client agree. */
class ServiceTest {
    @TempDir
    Path dir;

    @Test
    void aRealtimeSceneShowsUpInTheStoreTheApiAndTheStream() throws Exception {
        Path scene = Scenes.dogAndRooster(dir);
        Path state = dir.resolve("state");
        ServeConfig cfg = ServeConfig.of(Scenes.settings(scene, state, true));
        List<Http.Sse> sse = Http.newList();
        try (HarkService s = HarkService.builder(cfg).build()) {
            s.startApi();
            Http http = new Http(s.port(), null);
            Thread reader = http.stream(sse);
            waitFor(() -> s.hub().subscribers() == 1);
            s.startListening();
            assertTrue(s.await(120, TimeUnit.SECONDS));
            Scenes.settle(s);

            List<StoredEvent> stored = s.store().query(EventQuery.all());
            assertEquals(Set.of("Dog", "Chicken, rooster"), concepts(stored));
            assertTrue(stored.stream().allMatch(StoredEvent::ended));
            assertEquals(s.eventsSinceStart(), stored.size());

            JsonNode list = http.json("/api/events");
            assertEquals(stored.size(), list.get("count").asInt());
            JsonNode dog = http.json("/api/events?concept=Dog&limit=5").get("events");
            assertEquals(1, dog.size());
            long dogId = dog.get(0).get("id").asLong();
            assertEquals("file " + scene, dog.get(0).get("device").asText());
            assertEquals("Dog", findLabel(dog.get(0).get("top_labels"), "Dog"), "the window's best labels");
            long wall = stored.get(0).wallTimeMillis();
            assertEquals(0, http.json("/api/events?since=" + (wall / 1000 + 60)).get("count").asInt());
            assertEquals(stored.size(), http.json("/api/events?until=" + java.time.Instant.ofEpochMilli(wall + 60_000))
                    .get("count").asInt());

            HttpResponse<byte[]> clip = http.getBytes("/api/events/" + dogId + "/clip");
            assertEquals(200, clip.statusCode());
            assertEquals("audio/wav", clip.headers().firstValue("Content-Type").orElse(""));
            assertArrayEquals("RIFF".getBytes(), java.util.Arrays.copyOf(clip.body(), 4));
            StoredEvent dogEvent = s.store().get(dogId).orElseThrow();
            double clipSeconds = (clip.body().length - 44) / 32_000.0;
            assertEquals(dogEvent.endSeconds() - dogEvent.startSeconds() + 1.0, clipSeconds, 0.05,
                    "the event with one second of pre-roll");

            JsonNode status = http.json("/api/status");
            assertEquals("file " + scene, status.get("device").asText());
            assertTrue(status.get("format").asText().contains("real-time"), status.toString());
            assertEquals("both", status.get("gate").get("mode").asText());
            assertEquals(16.0, status.get("audio_seconds").asDouble(), 0.1);
            assertEquals(0.0, status.get("dropped_audio_seconds").asDouble());
            assertTrue(status.get("uptime_seconds").asDouble() >= 15, status.toString());
            assertTrue(status.get("cpu").get("processing_seconds").asDouble() > 0);

            assertEquals(404, http.get("/api/events/9999").statusCode());
            assertEquals(400, http.get("/api/events/x").statusCode());
            assertEquals(400, http.get("/api/events?limit=0").statusCode());
            assertEquals(400, http.get("/api/events?since=yesterday").statusCode());

            reader.interrupt();
            // the stream: each stored event's onset and offset, in order, after its commit; windows and levels
            List<Http.Sse> events = sse.stream().filter(e -> "event".equals(e.event())).toList();
            assertEquals(2 * stored.size(), events.size(), events.stream().map(Http.Sse::data).toList().toString());
            Set<Long> onsetIds = new HashSet<>();
            for (Http.Sse e : events) {
                if (e.json().get("type").asText().equals("onset")) {
                    onsetIds.add(e.json().get("id").asLong());
                }
            }
            assertEquals(Set.copyOf(stored.stream().map(StoredEvent::id).toList()), onsetIds);
            long windows = sse.stream().filter(e -> "window".equals(e.event())).count();
            assertTrue(windows >= 10, "a window each 0.48 s: " + windows);
            List<Http.Sse> levels = sse.stream().filter(e -> "level".equals(e.event())).toList();
            assertTrue(levels.size() >= windows * 0.9 && levels.size() <= windows * 1.1, "a level each 0.5 s: "
                    + levels.size() + " for " + windows + " windows: " + levels.stream().map(l -> l.json()
                    .get("time_seconds").asText()).toList() + " " + sse.stream().filter(e -> "window".equals(e.event()))
                    .map(e -> e.json().get("start_seconds").asText()).toList());
            assertTrue(levels.stream().anyMatch(l -> l.json().get("dbfs").asDouble() < -60), "quiet parts");
            assertTrue(levels.stream().anyMatch(l -> l.json().get("dbfs").asDouble() > -40), "the dog");
            assertTrue(sse.stream().anyMatch(e -> "status".equals(e.event())
                    && e.json().get("kind").asText().equals("stopped")));

            // tuning: changed at once, persisted beside the database
            HttpResponse<String> put = http.send("PUT", "/api/config", "{\"threshold\": 0.45, \"thresholds\": "
                    + "{\"Dog\": 0.7}, \"watch\": [\"Dog\"]}");
            assertEquals(200, put.statusCode(), put.body());
            assertEquals(0.7, http.json("/api/config").get("thresholds").get("Dog").asDouble());
            assertTrue(Files.readString(state.resolve(Tuning.FILE_NAME)).contains("\"Dog\" : 0.7"));
            assertEquals(400, http.send("PUT", "/api/config", "{\"watch\": [\"No such thing\"]}").statusCode());
            assertEquals(400, http.send("PUT", "/api/config", "{\"thresholds\": {\"Nope\": 0.5}}").statusCode());
            assertEquals(400, http.send("PUT", "/api/config", "not json").statusCode());
            assertEquals(List.of("Dog"), List.of(http.json("/api/config").get("watch").get(0).asText()),
                    "a refused change changes nothing");

            // verdicts file the clip into the data set
            HttpResponse<String> right = http.send("POST", "/api/events/" + dogId + "/feedback", "{\"verdict\": \"right\"}");
            assertEquals(200, right.statusCode(), right.body());
            Path filed = state.resolve("dataset/Dog").resolve(Path.of(dogEvent.clipPath()).getFileName());
            assertArrayEquals(Files.readAllBytes(Path.of(dogEvent.clipPath())), Files.readAllBytes(filed));
            long other = stored.stream().filter(e -> !e.concept().equals("Dog")).findFirst().orElseThrow().id();
            assertEquals(200, http.send("POST", "/api/events/" + other + "/feedback", "{\"verdict\": \"wrong\"}")
                    .statusCode());
            try (var negatives = Files.list(state.resolve("dataset/_negative"))) {
                assertEquals(1, negatives.count());
            }
            assertEquals(400, http.send("POST", "/api/events/" + dogId + "/feedback", "{\"verdict\": \"maybe\"}")
                    .statusCode());
            waitFor(() -> "right".equals(s.store().get(dogId).orElseThrow().verdict()));

            // the OpenAPI description names exactly the routes Javalin holds
            JsonNode api = http.json(ApiServer.OPENAPI_PATH);
            Set<Route> described = new HashSet<>();
            Iterator<Map.Entry<String, JsonNode>> paths = api.get("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> p = paths.next();
                p.getValue().fieldNames().forEachRemaining(m -> described.add(new Route(m.toUpperCase(), p.getKey())));
            }
            assertEquals(new HashSet<>(s.api().registeredRoutes()), described);
            assertEquals(new HashSet<>(s.api().routes()), described);
        }
    }

    @Test
    void aRestartCarriesOnWithTheSameDatabaseAndTheSavedTuning() throws Exception {
        Path scene = Scenes.dogAndRooster(dir);
        Path state = dir.resolve("state");
        Map<String, String> settings = new java.util.LinkedHashMap<>(Scenes.settings(scene, state, false));
        settings.put("http.enabled", "false");
        long first;
        try (HarkService s = HarkService.builder(ServeConfig.of(settings)).build()) {
            s.start();
            s.await();
            s.retune(Http.JSON.readTree("{\"watch\": [\"Dog\"]}"));
            first = s.eventsSinceStart();
        }
        assertEquals(2, first);
        try (HarkService s = HarkService.builder(ServeConfig.of(settings)).build()) {
            s.start();
            s.await();
            assertEquals(1, s.eventsSinceStart(), "the saved watch list holds only Dog");
        }
        try (EventStore st = EventStore.open(state.resolve("events.db"), 1000)) {
            List<StoredEvent> all = st.query(EventQuery.all());
            assertEquals(List.of(3L, 2L, 1L), all.stream().map(StoredEvent::id).toList());
            assertEquals("Dog", all.get(0).concept());
            assertEquals("ok", st.integrityCheck());
        }
    }

    @Test
    void withATokenEveryRequestMustCarryIt() throws Exception {
        Path scene = Scenes.dogAndRooster(dir);
        Map<String, String> settings = new java.util.LinkedHashMap<>(Scenes.settings(scene, dir.resolve("st"), false));
        settings.put("http.token", "s3cret-s3cret-s3cret");
        settings.put("clips.enabled", "false");
        try (HarkService s = HarkService.builder(ServeConfig.of(settings)).build()) {
            s.start();
            s.await();
            for (String path : new String[] {"/api/events", "/api/status", "/api/config", ApiServer.OPENAPI_PATH,
                "/api/events/1/clip"}) {
                assertEquals(401, new Http(s.port(), null).get(path).statusCode(), path);
                assertEquals(401, new Http(s.port(), "wrong-wrong-wrong-wrong").get(path).statusCode(), path);
            }
            assertEquals(401, new Http(s.port(), null).send("PUT", "/api/config", "{\"threshold\": 0.9}").statusCode());
            assertEquals(0.3, s.tuning().get("threshold").asDouble(), "a refused request changes nothing");
            Http ok = new Http(s.port(), "s3cret-s3cret-s3cret");
            assertEquals(2, ok.json("/api/events").get("count").asInt());
            assertFalse(Files.exists(dir.resolve("st/clips")), "clips off: no clip directory");
        }
    }

    static String findLabel(JsonNode top, String label) {
        for (JsonNode t : top) {
            if (t.get("label").asText().equals(label)) {
                return label;
            }
        }
        return top.toString();
    }

    static Set<String> concepts(List<StoredEvent> events) {
        Set<String> out = new HashSet<>();
        events.forEach(e -> out.add(e.concept()));
        return out;
    }

    static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }
}
