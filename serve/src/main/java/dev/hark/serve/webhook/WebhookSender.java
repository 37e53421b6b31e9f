package dev.hark.serve.webhook;

import dev.hark.live.queue.Handover;
import dev.hark.serve.sink.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * POSTs the events queued for one URL, one at a time and in order, on a thread of its own: an event that fails
 * (no answer, a 5xx, 408 or 429) is tried again after an exponential back-off, up to the target's retries, before
 * the next one is sent; a 4xx answer is final. {@link #offer} never blocks (see {@link Handover}).
 */
final class WebhookSender implements AutoCloseable {
    private static final long POLL_MILLIS = 100;

    private final WebhookTarget target;
    private final HttpClient http;
    private final Backoff backoff;
    private final Consumer<String> status;
    private final Handover<byte[]> outbox;
    private final String shown;
    private final CountDownLatch abort = new CountDownLatch(1);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private boolean failing;
    private volatile boolean closedForOffers;

    WebhookSender(WebhookTarget target, Backoff backoff, Consumer<String> status) {
        this.target = target;
        this.backoff = backoff;
        this.status = status;
        this.outbox = Handover.ofItems(target.queue());
        URI u = target.url();
        this.shown = u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                + (u.getPath() == null ? "" : u.getPath());   // no query: it may hold a token
        this.http = HttpClient.newBuilder().connectTimeout(timeout()).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.thread = new Thread(this::run, "hark-webhook");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void offer(byte[] json) {
        outbox.offer(json);
    }

    WebhookStats stats() {
        return new WebhookStats(delivered.get(), retries.get(), failed.get(), outbox.dropped(), outbox.size());
    }

    private Duration timeout() {
        return Duration.ofMillis(Math.round(target.timeoutSeconds() * 1000));
    }

    private void run() {
        try {
            while (abort.getCount() > 0) {
                byte[] body = outbox.peek(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (body == null) {
                    if (isDrained()) {
                        return;
                    }
                    continue;
                }
                deliver(body);
                outbox.remove(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isDrained() throws InterruptedException {
        return outbox.peek(0, TimeUnit.MILLISECONDS) == null && closedForOffers;
    }

    private void deliver(byte[] body) throws InterruptedException {
        HttpRequest.Builder rb = HttpRequest.newBuilder(target.url()).timeout(timeout())
                .header("Content-Type", "application/json").header("User-Agent", "hark-serve")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        target.headers().forEach(rb::header);
        HttpRequest request = rb.build();
        for (int attempt = 0; ; attempt++) {
            String problem;
            boolean retry;
            try {
                HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                int code = r.statusCode();
                if (code >= 200 && code < 300) {
                    delivered.incrementAndGet();
                    if (failing) {
                        failing = false;
                        status.accept("webhook " + shown + ": delivering again");
                    }
                    return;
                }
                problem = "HTTP " + code;
                retry = code >= 500 || code == 408 || code == 429;
            } catch (IOException e) {
                problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                retry = true;
            }
            if (!failing) {
                failing = true;
                status.accept("webhook " + shown + ": " + problem + (retry ? "; retrying with back-off" : ""));
            }
            if (!retry || attempt >= target.retries()) {
                failed.incrementAndGet();
                status.accept("webhook " + shown + ": gave up an event after " + (attempt + 1) + " attempt"
                        + (attempt == 0 ? "" : "s") + " (" + problem + ")");
                return;
            }
            retries.incrementAndGet();
            if (abort.await(backoff.delayMillis(attempt + 1), TimeUnit.MILLISECONDS)) {
                throw new InterruptedException("closed");
            }
        }
    }

    /**
     * No more events; sends what is queued for up to {@code graceMillis}, then abandons the rest (counted as
     * failed). Idempotent.
     */
    void close(long graceMillis) {
        closedForOffers = true;
        outbox.close();
        try {
            thread.join(Math.max(1, graceMillis));
            if (thread.isAlive()) {
                abort.countDown();
                thread.interrupt();
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = outbox.size();
        if (left > 0) {
            failed.addAndGet(left);
            status.accept("webhook " + shown + ": " + left + " events not sent at shutdown");
        }
    }

    @Override
    public void close() {
        close(5_000);
    }
}
