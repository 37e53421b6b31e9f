package dev.hark.serve.teach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hark.core.audio.AudioFiles;
import dev.hark.serve.HarkService;
import dev.hark.serve.PlayableSource;
import dev.hark.serve.Scenes;
import dev.hark.serve.config.ServeConfig;
import dev.hark.serve.http.Http;
import dev.hark.serve.store.EventQuery;
import dev.hark.serve.store.StoredEvent;
import dev.hark.testkit.Signals;
import dev.hark.testkit.TestData;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Teaching through the API against a running service on a virtual microphone: examples of a label recorded from
 * the detector's stream (trimmed), background, a training that reports its estimate, the live head switched to
 * the taught one (its label raises events) and back; and the one-line refusals on the way.
 */
public class TeachingApiTest {
    private static final String TOKEN = "teach-token-0123456789";

    @TempDir
    Path dir;

    public static Map<String, String> settings(Path state) {
        Map<String, String> m = Scenes.settings(state.resolve("unused.wav"), state, true);
        m.remove("source.input");
        m.remove("source.realtime");
        return m;
    }

    @Test
    void recordTrainAndSwitchTheLiveHead() throws Exception {
        Path state = dir.resolve("state");
        Map<String, String> m = settings(state);
        m.put("http.token", TOKEN);
        PlayableSource mic = new PlayableSource();
        float[] dog = AudioFiles.readMono16k(TestData.dogClip());
        float[] rooster = AudioFiles.readMono16k(TestData.shared("datasets/esc50-dev/audio/1-26806-A-1.ogg"));
        try (HarkService s = HarkService.builder(ServeConfig.of(m)).source(mic).build()) {
            s.start();
            Http api = new Http(s.port(), TOKEN);
            assertEquals(401, new Http(s.port(), null).send("POST", "/api/teach/train", "{}").statusCode(),
                    "a write wants the token");
            JsonNode folder = api.json("/api/teach");
            assertEquals(state.resolve("dataset").toString(), folder.path("dir").asText());
            assertEquals(0, folder.path("labels").size());
            assertFalse(folder.path("can_train").asBoolean());
            HttpResponse<String> tooLittle = api.send("POST", "/api/teach/train", "{}");
            assertEquals(400, tooLittle.statusCode());
            assertTrue(tooLittle.body().contains("too little data to train: no sound taught yet"), tooLittle.body());
            HttpResponse<String> noHead = api.send("PUT", "/api/head", "{\"head\":\"taught\"}");
            assertEquals(400, noHead.statusCode());
            assertTrue(noHead.body().contains("no taught head yet"), noHead.body());
            assertEquals(400, api.send("POST", "/api/teach/examples", "{\"label\":\"dog\",\"count\":0}")
                    .statusCode());

            // two examples of "dog" from the stream, each trimmed to its sound
            JsonNode job = Http.JSON.readTree(api.send("POST", "/api/teach/examples",
                    "{\"label\":\"dog\",\"count\":2}").body());
            assertEquals("examples", job.path("kind").asText());
            HttpResponse<String> busy = api.send("POST", "/api/teach/background", "{\"seconds\":5}");
            assertEquals(400, busy.statusCode());
            assertTrue(busy.body().contains("a recording is going on"), busy.body());
            mic.play(Signals.concat(Signals.noise(1.0, -70, 3), dog, Signals.noise(1.5, -70, 4), dog));
            job = awaitJob(api, 40);
            assertEquals("done", job.path("state").asText(), job.toString());
            assertEquals(2, job.path("saved").asInt());
            List<Path> examples = clips(state.resolve("dataset").resolve("dog"));
            assertEquals(2, examples.size());
            for (Path p : examples) {
                double seconds = AudioFiles.readMono16k(p).length / 16_000.0;
                assertTrue(seconds > 0.1 && seconds < dog.length / 16_000.0, p + ": " + seconds + " s, trimmed");
            }
            mic.awaitPlayed(20);

            // background while a rooster crows
            api.send("POST", "/api/teach/background", "{\"seconds\":10}");
            mic.play(Signals.concat(Signals.noise(1.0, -70, 5), rooster));
            job = awaitJob(api, 30);
            assertEquals("done", job.path("state").asText(), job.toString());
            assertEquals(2, clips(state.resolve("dataset").resolve("_negative")).size());
            folder = api.json("/api/teach");
            assertEquals("dog", folder.path("labels").path(0).path("name").asText());
            assertEquals(2, folder.path("background").path("count").asInt());
            assertTrue(folder.path("can_train").asBoolean());

            // an example plays; nothing outside the folder does
            String first = folder.path("labels").path(0).path("examples").path(0).asText();
            HttpResponse<byte[]> wav = api.getBytes("/api/teach/clip?file=" + first);
            assertEquals(200, wav.statusCode());
            assertEquals("RIFF", new String(wav.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(404, api.get("/api/teach/clip?file=../events.db").statusCode());

            // training in the background, with its estimate
            api.send("POST", "/api/teach/train", "{}");
            job = awaitJob(api, 120);
            assertEquals("done", job.path("state").asText(), job.toString());
            assertTrue(job.path("estimate").isNumber(), job.toString());
            assertTrue(job.toString().contains("estimate (leave-one-out: 4 heads"), job.toString());
            System.out.println("teaching: the training said: " + job.path("lines"));
            assertEquals(List.of("dog"), Http.JSON.convertValue(job.path("classes"), List.class));
            assertTrue(Files.isRegularFile(state.resolve(HarkService.TAUGHT_FILE_NAME)));

            // the live head switches; the next dog is a "dog" event of the taught head
            JsonNode head = Http.JSON.readTree(api.send("PUT", "/api/head", "{\"head\":\"taught\"}").body());
            assertEquals("taught", head.path("live").asText(), head.toString());
            assertEquals("[\"dog\"]", head.path("concepts").toString());
            assertEquals("taught", api.json("/api/status").path("head").path("live").asText());
            long before = s.store().count();
            // (twice: a taught head of two examples hears a dog in some window placements only; one fresh-clone run
            // of CI got no "dog" event from a single one)
            mic.play(Signals.concat(Signals.noise(1.0, -70, 6), dog, Signals.noise(1.5, -70, 8), dog,
                    Signals.noise(2.0, -70, 7)));
            mic.awaitPlayed(40);
            Thread.sleep(1500);
            List<String> after = s.store().query(EventQuery.all()).stream().skip(0).map(StoredEvent::concept)
                    .toList();
            assertTrue(s.store().count() > before && after.contains("dog"), "events: " + after);
            assertFalse(after.contains("unknown"), "unknown raises no event");

            JsonNode back = Http.JSON.readTree(api.send("PUT", "/api/head", "{\"head\":\"default\"}").body());
            assertEquals("default", back.path("live").asText());
            assertEquals("[\"Dog\",\"Chicken, rooster\"]", back.path("concepts").toString());
            assertEquals(400, api.send("PUT", "/api/head", "{\"head\":\"other\"}").statusCode());
        }
    }

    static JsonNode awaitJob(Http api, double seconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (true) {
            JsonNode j = api.json("/api/teach").path("job");
            if (j.path("finished").asBoolean()) {
                return j;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("the job did not finish in " + seconds + " s: " + j);
            }
            Thread.sleep(100);
        }
    }

    static List<Path> clips(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
    }
}
