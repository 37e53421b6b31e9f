package dev.hark.serve.webhook;

import dev.hark.errors.BadInputException;
import dev.hark.serve.config.Section;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One entry of the {@code webhooks:} list of {@code hark.yaml}.
 *
 * @param url where each event is POSTed (http or https)
 * @param headers extra request headers (an authorization token, ...)
 * @param retries attempts after the first before an event is given up (counted)
 * @param timeoutSeconds longest wait for a connection and for an answer, per attempt
 * @param queue most events waiting for this URL (the oldest are dropped beyond it, and counted)
 */
public record WebhookTarget(URI url, Map<String, String> headers, int retries, double timeoutSeconds, int queue) {
    public static final Set<String> KEYS = Set.of("url", "headers", "retries", "timeout-seconds", "queue");
    /** Headers Java's HTTP client sets itself and refuses. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    public WebhookTarget {
        headers = Map.copyOf(headers);
        for (String h : headers.keySet()) {
            if (RESTRICTED.contains(h.toLowerCase(Locale.ROOT)) || !h.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new BadInputException("bad header name in webhooks: '" + h + "'");
            }
        }
    }

    /** The target at {@code url} with the defaults: no headers, 5 retries, 10 s timeout, a queue of 1000. */
    public static WebhookTarget of(URI url) {
        return new WebhookTarget(url, Map.of(), 5, 10, 1000);
    }

    /** Parses entry {@code index} (from 0) of the list. */
    public static WebhookTarget fromMap(Object entry, int index) {
        Section r = Section.of("webhooks[" + index + "]", entry, KEYS);
        return new WebhookTarget(r.httpUrl("url"), r.stringMap("headers"), r.integer("retries", 5, 0, 100),
                r.number("timeout-seconds", 10, 0.1, 600), r.integer("queue", 1000, 1, 1_000_000));
    }

    public WebhookTarget withRetries(int n) {
        return new WebhookTarget(url, headers, n, timeoutSeconds, queue);
    }

    public WebhookTarget withTimeout(double seconds) {
        return new WebhookTarget(url, headers, retries, seconds, queue);
    }

    public WebhookTarget withQueue(int n) {
        return new WebhookTarget(url, headers, retries, timeoutSeconds, n);
    }

    public WebhookTarget withHeaders(Map<String, String> h) {
        return new WebhookTarget(url, h, retries, timeoutSeconds, queue);
    }

    @Override
    public String toString() {   // header values may be secrets
        return "WebhookTarget[" + url + ", headers " + headers.keySet() + ", retries " + retries + "]";
    }
}
