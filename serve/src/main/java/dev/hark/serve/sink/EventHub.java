package dev.hark.serve.sink;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands live messages (events, window scores, levels, status, log-mel frames) to every subscriber (an SSE client)
 * that asked for their type, through a bounded queue each: {@link #publish} never waits; a subscriber too slow to
 * keep up loses its oldest messages, counted.
 */
public final class EventHub {
    /** The message types a subscriber gets unless it names others. */
    public static final Set<String> DEFAULT_TYPES = Set.of("event", "window", "level", "status");
    /** Every message type: the defaults and {@code frames} (the log-mel frames, 20 messages a second). */
    public static final List<String> TYPES = List.of("event", "window", "level", "status", "frames");

    /** One message: its type (one of {@link #TYPES}) and JSON text. */
    public record Message(String type, String json) {
    }

    /** One subscriber's queue. */
    public final class Subscription implements AutoCloseable {
        private final BlockingQueue<Message> queue;
        private final AtomicLong lost = new AtomicLong();
        private final Set<String> types;

        private Subscription(int capacity, Set<String> types) {
            queue = new ArrayBlockingQueue<>(capacity);
            this.types = Set.copyOf(types);
        }

        void offer(Message m) {
            if (!types.contains(m.type())) {
                return;
            }
            while (!queue.offer(m)) {
                if (queue.poll() != null) {
                    lost.incrementAndGet();
                    dropped.incrementAndGet();
                }
            }
        }

        /** The next message, or null after {@code timeoutMillis}. */
        public Message next(long timeoutMillis) throws InterruptedException {
            return queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        }

        public long lost() {
            return lost.get();
        }

        @Override
        public void close() {
            subscribers.remove(this);
        }
    }

    private final Set<Subscription> subscribers = new CopyOnWriteArraySet<>();
    private final AtomicLong dropped = new AtomicLong();
    private final int capacity;

    public EventHub(int capacity) {
        this.capacity = capacity;
    }

    /** A subscription to the {@link #DEFAULT_TYPES}. */
    public Subscription subscribe() {
        return subscribe(DEFAULT_TYPES);
    }

    /** A subscription to the messages of {@code types} (names of {@link #TYPES}). */
    public Subscription subscribe(Set<String> types) {
        for (String t : types) {
            if (!TYPES.contains(t)) {
                throw new IllegalArgumentException("unknown message type " + t);
            }
        }
        Subscription s = new Subscription(capacity, types);
        subscribers.add(s);
        return s;
    }

    /** Whether any subscriber takes messages of {@code type} (so that they are worth making). */
    public boolean wants(String type) {
        for (Subscription s : subscribers) {
            if (s.types.contains(type)) {
                return true;
            }
        }
        return false;
    }

    public void publish(String type, String json) {
        if (subscribers.isEmpty()) {
            return;
        }
        Message m = new Message(type, json);
        for (Subscription s : subscribers) {
            s.offer(m);
        }
    }

    public int subscribers() {
        return subscribers.size();
    }

    /** Messages lost by slow subscribers, in total. */
    public long dropped() {
        return dropped.get();
    }
}
