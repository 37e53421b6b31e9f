package dev.hark.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A real Paho client that records every message it receives (only recorded in the callback; the tests assert
 * afterwards). A persistent one keeps its session at the broker, so what is published while it is away (QoS 1) is
 * delivered when it reconnects.
 */
public final class MqttSubscriber implements AutoCloseable {
    /** A message as received. */
    public record Msg(String topic, String payload, boolean retained) {
    }

    private final int port;
    private final String clientId;
    private final boolean persistent;
    private final List<Msg> messages = new ArrayList<>();
    private MqttClient client;

    private MqttSubscriber(int port, String clientId, boolean persistent) {
        this.port = port;
        this.clientId = clientId;
        this.persistent = persistent;
    }

    /** Connects and subscribes to {@code filters} at QoS 1. */
    public static MqttSubscriber connect(int port, String clientId, boolean persistent, String... filters)
            throws MqttException {
        MqttSubscriber s = new MqttSubscriber(port, clientId, persistent);
        s.open();
        for (String f : filters) {
            s.client.subscribe(f, 1);
        }
        return s;
    }

    private void open() throws MqttException {
        client = new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                synchronized (messages) {
                    messages.add(new Msg(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained()));
                    messages.notifyAll();
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(!persistent);
        o.setAutomaticReconnect(false);
        client.connect(o);
    }

    /** Connects again with the same client id (its subscriptions live on at the broker when persistent). */
    public void reconnect() throws MqttException {
        dispose();
        open();
    }

    public void publish(String topic, String payload, boolean retained) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
    }

    public List<Msg> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    public List<Msg> on(String topic) {
        return messages().stream().filter(m -> m.topic().equals(topic)).toList();
    }

    /** Waits until {@code n} messages match, or the timeout; returns those that matched. */
    public List<Msg> await(Predicate<Msg> match, int n, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (messages) {
            while (true) {
                List<Msg> found = messages.stream().filter(match).toList();
                long left = until - System.nanoTime();
                if (found.size() >= n || left <= 0) {
                    return found;
                }
                messages.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    public List<Msg> await(String topic, int n, Duration timeout) throws InterruptedException {
        return await(m -> m.topic().equals(topic), n, timeout);
    }

    private void dispose() {
        try {
            if (client.isConnected()) {
                client.disconnect(1_000);
            }
        } catch (MqttException e) {
            // gone already
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing to release
        }
    }

    @Override
    public void close() {
        dispose();
    }
}
