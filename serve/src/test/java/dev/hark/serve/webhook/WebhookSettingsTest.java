package dev.hark.serve.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hark.errors.BadInputException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {
    static String error(Object section) {
        return assertThrows(BadInputException.class, () -> WebhookSettings.fromList(section)).getMessage();
    }

    @Test
    void readsTheListWithDefaults() {
        WebhookSettings s = WebhookSettings.fromList(List.of(
                Map.of("url", "https://example.org/hark", "headers", Map.of("Authorization", "Bearer x"),
                        "retries", 3, "timeout-seconds", 2.5, "queue", "50"),
                Map.of("url", "http://127.0.0.1:8123/api/webhook/hark")));
        assertEquals(new WebhookTarget(URI.create("https://example.org/hark"), Map.of("Authorization", "Bearer x"), 3,
                2.5, 50), s.targets().get(0));
        assertEquals(WebhookTarget.of(URI.create("http://127.0.0.1:8123/api/webhook/hark")), s.targets().get(1));
        assertEquals(List.of(), WebhookSettings.fromList(null).targets());
    }

    @Test
    void mistakesAreOneLineNamingTheKey() {
        assertEquals("unknown setting 'webhooks[0].retry' (known: headers, queue, retries, timeout-seconds, url)",
                error(List.of(Map.of("url", "http://h/x", "retry", 3))));
        assertEquals("missing setting webhooks[1].url", error(List.of(Map.of("url", "http://h/x"), Map.of())));
        assertEquals("bad value for webhooks[0].url: 'ftp://h/x' (expected an http:// or https:// URL with a host)",
                error(List.of(Map.of("url", "ftp://h/x"))));
        assertEquals("bad value for webhooks[0].retries: 101 (allowed 0 to 100)",
                error(List.of(Map.of("url", "http://h/x", "retries", 101))));
        assertEquals("bad value for webhooks[0].retries: 'many' (expected a whole number)",
                error(List.of(Map.of("url", "http://h/x", "retries", "many"))));
        assertEquals("bad value for webhooks[0].timeout-seconds: 0 (allowed 0.1 to 600)",
                error(List.of(Map.of("url", "http://h/x", "timeout-seconds", 0))));
        assertEquals("bad value for webhooks[0].headers: 'x' (expected a map of names to values)",
                error(List.of(Map.of("url", "http://h/x", "headers", "x"))));
        assertEquals("bad header name in webhooks: 'Content-Length'",
                error(List.of(Map.of("url", "http://h/x", "headers", Map.of("Content-Length", "3")))));
        assertEquals("bad value for webhooks: expected a list of targets (- url: ...)",
                error(Map.of("url", "http://h/x")));
        assertEquals("bad value for webhooks[0]: expected a map of settings, got 'http://h/x'",
                error(List.of("http://h/x")));
    }
}
