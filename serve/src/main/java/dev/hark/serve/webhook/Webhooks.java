package dev.hark.serve.webhook;

import dev.hark.core.events.DetectionEvent;
import dev.hark.live.DetectionListener;
import dev.hark.serve.sink.Backoff;
import dev.hark.serve.sink.EventJson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The webhook output: every event ({@link EventJson}) POSTed to each target of {@link WebhookSettings}, by one
 * thread per target, so a slow or dead receiver delays only its own events. Add it as a listener:
 * {@link #onEvent} returns at once.
 */
public final class Webhooks implements DetectionListener, AutoCloseable {
    private final List<WebhookSender> senders = new ArrayList<>();
    private final String device;
    private final Clock clock;
    private boolean started;
    private boolean closed;

    /**
     * @param settings the targets
     * @param device the name put in each event's {@code device}
     * @param backoff the waits between attempts ({@link Backoff#RETRY}: 0.5 s doubling up to 30 s)
     * @param clock the clock of {@code wall_time}
     * @param status where failures and recoveries are reported, one line each
     */
    public Webhooks(WebhookSettings settings, String device, Backoff backoff, Clock clock, Consumer<String> status) {
        this.device = Objects.requireNonNull(device);
        this.clock = Objects.requireNonNull(clock);
        for (WebhookTarget t : settings.targets()) {
            senders.add(new WebhookSender(t, backoff, status));
        }
    }

    /** The default back-off and clock. */
    public Webhooks(WebhookSettings settings, String device, Consumer<String> status) {
        this(settings, device, Backoff.RETRY, Clock.systemUTC(), status);
    }

    /** Starts one sending thread per target; returns at once. */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "closed" : "already started");
        }
        started = true;
        senders.forEach(WebhookSender::start);
    }

    /** Queues the event for every target; never blocks. */
    @Override
    public void onEvent(DetectionEvent event) {
        if (senders.isEmpty()) {
            return;
        }
        byte[] json = EventJson.bytes(EventJson.of(event, device, clock.instant()));
        for (WebhookSender s : senders) {
            s.offer(json);
        }
    }

    /** Totals per target, in the settings' order. */
    public List<WebhookStats> stats() {
        return senders.stream().map(WebhookSender::stats).toList();
    }

    /** Stops taking events and sends what is queued for up to {@code graceMillis}. Idempotent. */
    public synchronized void close(long graceMillis) {
        if (closed) {
            return;
        }
        closed = true;
        long until = System.nanoTime() + graceMillis * 1_000_000;
        for (WebhookSender s : senders) {
            s.close(Math.max(1, (until - System.nanoTime()) / 1_000_000));
        }
    }

    /** {@link #close(long)} with 5 s. */
    @Override
    public void close() {
        close(5_000);
    }
}
