package dev.hark.serve.mqtt;

import dev.hark.core.concepts.LevelMeter;
import dev.hark.core.events.DetectionEvent;
import dev.hark.live.DetectionListener;
import dev.hark.live.queue.Handover;
import dev.hark.serve.sink.Backoff;
import dev.hark.serve.sink.EventJson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocketFactory;

/**
 * Publishes what a {@link dev.hark.live.Detector} hears to an MQTT broker, with Home Assistant discovery (see
 * {@link Topics} and {@link Discovery}). Add it as a listener: every call returns at once (it only puts messages in a
 * bounded outbox, see {@link Handover}); one thread of its own connects, reconnects with back-off and publishes. A
 * broker that is away at start or goes away later is not an error: messages wait in the outbox (the oldest dropped
 * beyond {@code mqtt.queue}, counted) and problems are reported once each, as lines to the status consumer.
 *
 * <pre>{@code
 * try (MqttPublisher mqtt = MqttPublisher.builder(MqttSettings.fromMap(yaml.get("mqtt")))
 *         .concepts(List.of("dog", "speech")).status(System.err::println).build()) {
 *     mqtt.start();
 *     detector.addListener(mqtt);
 *     ...
 * }
 * }</pre>
 */
public final class MqttPublisher implements DetectionListener, AutoCloseable {
    private final MqttSettings settings;
    private final Topics topics;
    private final List<String> concepts;
    private final Clock clock;
    private final Handover<MqttMessageOut> outbox;
    private final AtomicReference<MqttMessageOut> level = new AtomicReference<>();
    private final LevelMeter meter;
    private final PublishLoop loop;
    private final Consumer<String> status;
    private Thread thread;
    private boolean closed;

    private MqttPublisher(Builder b) {
        this.settings = b.settings;
        this.topics = new Topics(settings);
        this.concepts = List.copyOf(b.concepts);
        this.clock = b.clock;
        this.status = b.status;
        this.outbox = Handover.ofItems(settings.queue());
        this.meter = new LevelMeter((int) Math.max(1, Math.round(settings.levelIntervalSeconds() * 16_000)));
        SSLSocketFactory tls = settings.tlsCa() == null ? null : TlsSockets.trusting(settings.tlsCa());
        this.loop = new PublishLoop(settings, Discovery.messages(topics, settings, concepts), outbox, level, tls,
                b.backoff, b.status);
    }

    /** A builder for the broker of {@code settings}. */
    public static Builder builder(MqttSettings settings) {
        return new Builder(settings);
    }

    /**
     * Starts the publishing thread and returns at once: the connection is made in the background (see the status
     * lines). Each concept's state starts {@code OFF}.
     */
    public synchronized void start() {
        if (thread != null || closed) {
            throw new IllegalStateException(closed ? "closed" : "already started");
        }
        for (String c : concepts) {
            outbox.offer(MqttMessageOut.text(topics.state(c), Discovery.OFF, true));
        }
        thread = new Thread(loop, "hark-mqtt");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues the event on {@code P/D/event} and the concept's state ({@code ON} / {@code OFF}); never blocks. */
    @Override
    public void onEvent(DetectionEvent event) {
        boolean onset = event.type() == DetectionEvent.Type.ONSET;
        outbox.offer(MqttMessageOut.text(topics.state(event.label()), onset ? Discovery.ON : Discovery.OFF, true));
        outbox.offer(new MqttMessageOut(topics.event(),
                EventJson.bytes(EventJson.of(event, settings.device(), clock.instant())), false));
    }

    /** Measures the level; every {@code mqtt.level-interval-seconds} of audio the newest value replaces the last. */
    @Override
    public void onAudio(long startSample, float[] samples16k, int off, int len) {
        meter.accept(startSample, samples16k, off, len, (start, dbfs) -> level.set(MqttMessageOut.text(topics.level(),
                String.format(Locale.ROOT, "%.1f", tenths(dbfs)), false)));
    }

    /** A level as published: to 0.1 dB. */
    static double tenths(double dbfs) {
        return Math.round(dbfs * 10) / 10.0;
    }

    public MqttStats stats() {
        return new MqttStats(loop.connected(), loop.connections.get(), loop.published.get(), outbox.size(),
                outbox.dropped(), loop.discoveries.get());
    }

    public Topics topics() {
        return topics;
    }

    /**
     * Sends what is queued (for up to 2 s when connected), publishes {@code offline} and disconnects; what could not
     * be sent is reported as a status line. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        outbox.close();
        loop.stop();
        if (thread != null) {
            try {
                thread.join(PublishLoop.FLUSH_MILLIS + 3_000L + BrokerSession.TIMEOUT_SECONDS * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int left = outbox.size();
        if (left > 0) {
            status.accept("mqtt: " + left + " messages not sent at shutdown (no broker at " + settings.where() + ")");
        }
    }

    /** Options of an {@link MqttPublisher}. */
    public static final class Builder {
        private final MqttSettings settings;
        private final List<String> concepts = new ArrayList<>();
        private Consumer<String> status = line -> { };
        private Backoff backoff = Backoff.RECONNECT;
        private Clock clock = Clock.systemUTC();

        private Builder(MqttSettings settings) {
            this.settings = Objects.requireNonNull(settings);
        }

        /** The concepts announced to Home Assistant (a binary sensor each). */
        public Builder concepts(List<String> names) {
            concepts.clear();
            for (String n : names) {
                if (!concepts.contains(n)) {
                    concepts.add(n);
                }
            }
            return this;
        }

        /** Where connection problems and recoveries are reported, one line each (default: nowhere). */
        public Builder status(Consumer<String> lines) {
            this.status = Objects.requireNonNull(lines);
            return this;
        }

        /** Waits between connection attempts (default 1 s doubling up to 60 s). */
        public Builder backoff(Backoff b) {
            this.backoff = Objects.requireNonNull(b);
            return this;
        }

        /** The clock of the events' {@code wall_time} (default UTC system clock). */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        /** The publisher (not started); a missing or bad {@code mqtt.tls-ca} file is a BadInputException here. */
        public MqttPublisher build() {
            return new MqttPublisher(this);
        }
    }
}
