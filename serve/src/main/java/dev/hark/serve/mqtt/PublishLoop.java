package dev.hark.serve.mqtt;

import dev.hark.live.queue.Handover;
import dev.hark.serve.sink.Backoff;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * The publishing thread's work: connect (with back-off), announce (discovery, then {@code online}), then send the
 * outbox in order, each message taken off only once the broker acknowledged it; the latest sound level on the way.
 * A lost connection goes back to connecting; Home Assistant coming online makes it announce again. Each problem is
 * reported once (until the next connection), through {@code status}.
 */
final class PublishLoop implements Runnable {
    private static final long POLL_MILLIS = 100;
    /** How long close() lets the loop send what is still queued. */
    static final long FLUSH_MILLIS = 2_000;

    private final MqttSettings settings;
    private final Topics topics;
    private final List<MqttMessageOut> discovery;
    private final Handover<MqttMessageOut> outbox;
    private final AtomicReference<MqttMessageOut> level;
    private final SSLSocketFactory tls;
    private final Backoff backoff;
    private final Consumer<String> status;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicBoolean announce = new AtomicBoolean();
    final AtomicLong published = new AtomicLong();
    final AtomicLong connections = new AtomicLong();
    final AtomicLong discoveries = new AtomicLong();
    private volatile boolean connected;
    private String reported;
    private long droppedReported;

    PublishLoop(MqttSettings settings, List<MqttMessageOut> discovery, Handover<MqttMessageOut> outbox,
            AtomicReference<MqttMessageOut> level, SSLSocketFactory tls, Backoff backoff, Consumer<String> status) {
        this.settings = settings;
        this.topics = new Topics(settings);
        this.discovery = List.copyOf(discovery);
        this.outbox = outbox;
        this.level = level;
        this.tls = tls;
        this.backoff = backoff;
        this.status = status;
    }

    boolean connected() {
        return connected;
    }

    /** Asks the loop to flush for up to {@link #FLUSH_MILLIS}, say offline and end. */
    void stop() {
        stop.countDown();
        outbox.wake();
    }

    @Override
    public void run() {
        int failures = 0;
        while (stop.getCount() > 0) {
            BrokerSession session;
            try {
                session = BrokerSession.connect(settings, topics, tls, this::homeAssistantOnline);
            } catch (MqttException e) {
                failures++;
                long wait = backoff.delayMillis(failures);
                report(ConnectProblem.describe(settings, e) + "; retrying in the background");
                if (await(wait)) {
                    return;
                }
                continue;
            }
            failures = 0;
            connections.incrementAndGet();
            connected = true;
            reported = null;
            status.accept("mqtt: connected to " + settings.serverUri() + " as " + settings.clientId()
                    + (outbox.size() > 0 ? ", sending " + outbox.size() + " queued messages" : ""));
            long dropped = outbox.dropped();
            if (dropped > droppedReported) {
                status.accept("mqtt: " + (dropped - droppedReported) + " oldest messages were dropped while the broker"
                        + " was away (mqtt.queue " + outbox.capacity() + ")");
                droppedReported = dropped;
            }
            try {
                announce.set(true);
                boolean leaving = serve(session);
                if (leaving) {
                    session.closeWith(MqttMessageOut.text(topics.availability(), Discovery.OFFLINE, true));
                    return;
                }
            } catch (MqttException e) {
                Throwable why = session.lost() != null ? session.lost() : e;
                report(ConnectProblem.lost(settings, why) + "; reconnecting");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                session.abort();
                return;
            } finally {
                connected = false;
            }
            session.abort();
        }
    }

    /** Sends until stopped (true) or the connection fails (exception). */
    private boolean serve(BrokerSession session) throws MqttException, InterruptedException {
        long flushUntil = Long.MAX_VALUE;
        while (true) {
            if (stop.getCount() == 0 && flushUntil == Long.MAX_VALUE) {
                flushUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FLUSH_MILLIS);
            }
            if (announce.getAndSet(false)) {
                for (MqttMessageOut m : discovery) {
                    send(session, m, 1);
                }
                send(session, MqttMessageOut.text(topics.availability(), Discovery.ONLINE, true), 1);
                discoveries.incrementAndGet();
            }
            MqttMessageOut l = level.getAndSet(null);
            if (l != null) {
                send(session, l, 0);
            }
            if (!session.isConnected()) {
                throw new MqttException(MqttException.REASON_CODE_CONNECTION_LOST, session.lost());
            }
            MqttMessageOut m = outbox.peek(flushUntil == Long.MAX_VALUE ? POLL_MILLIS : 0, TimeUnit.MILLISECONDS);
            if (m != null) {
                send(session, m, settings.qos());
                outbox.remove(m);
            }
            if (flushUntil != Long.MAX_VALUE && (m == null || System.nanoTime() > flushUntil)) {
                return true;
            }
        }
    }

    private void send(BrokerSession session, MqttMessageOut m, int qos) throws MqttException {
        session.publish(m, qos);
        published.incrementAndGet();
    }

    private void homeAssistantOnline() {
        announce.set(true);
        outbox.wake();
    }

    /** Waits {@code millis} or until stopped; true when stopped. */
    private boolean await(long millis) {
        try {
            return stop.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void report(String line) {
        if (!line.equals(reported)) {
            reported = line;
            status.accept("mqtt: " + line);
        }
    }
}
