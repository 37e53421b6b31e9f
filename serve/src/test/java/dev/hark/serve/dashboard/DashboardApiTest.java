package dev.hark.serve.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.serve.HarkService;
import dev.hark.serve.Scenes;
import dev.hark.serve.config.ServeConfig;
import dev.hark.serve.http.Http;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page and uPlot come from the jar without a token; the API wants it as a header or a query parameter. */
class DashboardApiTest {
    private static final String TOKEN = "0123456789abcdef0123";

    @TempDir
    Path dir;

    @Test
    void thePageIsServedAndTheApiStillWantsTheToken() throws Exception {
        Map<String, String> m = Scenes.settings(dir.resolve("none.wav"), dir.resolve("state"), false);
        m.put("http.token", TOKEN);
        try (HarkService s = HarkService.builder(ServeConfig.of(m)).build()) {
            s.startApi();
            Http anonymous = new Http(s.port(), null);
            HttpResponse<String> page = anonymous.get("/");
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertTrue(page.body().contains("<canvas id=\"spectrogram\""), "the dashboard's page");
            HttpResponse<String> uplot = anonymous.get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");
            assertEquals(200, uplot.statusCode(), "uPlot from its WebJar");
            assertTrue(uplot.body().contains("uPlot"));
            assertEquals(200, anonymous.get("/dashboard.js").statusCode());

            assertEquals(401, anonymous.get("/api/config").statusCode());
            assertEquals(401, anonymous.get("/api/config?access_token=wrong" + TOKEN).statusCode());
            HttpResponse<String> viaQuery = anonymous.get("/api/config?access_token=" + TOKEN);
            assertEquals(200, viaQuery.statusCode(), viaQuery.body());
            Http withToken = new Http(s.port(), TOKEN);
            assertEquals("{\"concepts\":[]}", withToken.get("/api/concepts").body(), "none before listening");
            HttpResponse<String> bad = withToken.get("/api/stream?types=event,fram");
            assertEquals(400, bad.statusCode());
            assertEquals("{\"error\":\"bad value for types: 'fram' (known: event, window, level, status, frames)\"}",
                    bad.body());
        }
    }
}
