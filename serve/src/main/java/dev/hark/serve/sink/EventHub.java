package dev.hark.serve.sink;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands live messages (events, window scores, levels, status) to every subscriber (an SSE client) through a
 * bounded queue each: {@link #publish} never waits; a subscriber too slow to keep up loses its oldest messages,
 * counted.
 */
public final class EventHub {
    /** One message: its type ({@code event}, {@code window}, {@code level}, {@code status}) and JSON text. */
    public record Message(String type, String json) {
    }

    /** One subscriber's queue. */
    public final class Subscription implements AutoCloseable {
        private final BlockingQueue<Message> queue;
        private final AtomicLong lost = new AtomicLong();

        private Subscription(int capacity) {
            queue = new ArrayBlockingQueue<>(capacity);
        }

        void offer(Message m) {
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

    public Subscription subscribe() {
        Subscription s = new Subscription(capacity);
        subscribers.add(s);
        return s;
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
