package dev.hark.serve.mqtt;

import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One connection to the broker through Paho's synchronous client: connects with the last will
 * ({@code offline}, retained, on the availability topic), listens to Home Assistant's status, publishes and waits
 * for the broker's acknowledgement. Used by the publishing thread only; a lost connection is not reused.
 */
final class BrokerSession implements AutoCloseable {
    /** Messages Paho lets await the broker's acknowledgement at once (its default, 10, a fast replay exceeds). */
    private static final int MAX_INFLIGHT = 1000;
    private static final int INFLIGHT_RETRIES = 500;
    private static final long INFLIGHT_WAIT_MILLIS = 10;

    /** Longest wait for a connection or an acknowledgement. */
    static final int TIMEOUT_SECONDS = 10;
    private static final int KEEP_ALIVE_SECONDS = 30;

    private final MqttClient client;
    private final MqttSettings settings;
    private volatile Throwable lost;

    private BrokerSession(MqttClient client, MqttSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /**
     * Connects and subscribes to Home Assistant's status; {@code homeAssistantOnline} runs (on Paho's thread) when
     * it says {@code online}.
     */
    static BrokerSession connect(MqttSettings s, Topics topics, SSLSocketFactory tls, Runnable homeAssistantOnline)
            throws MqttException {
        MqttClient client = new MqttClient(s.serverUri(), s.clientId(), new MemoryPersistence());
        BrokerSession session = new BrokerSession(client, s);
        client.setTimeToWait(TIMEOUT_SECONDS * 1000L);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                session.lost = cause == null ? new MqttException(MqttException.REASON_CODE_CONNECTION_LOST) : cause;
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                if (topic.equals(topics.homeAssistantStatus())
                        && new String(message.getPayload(), StandardCharsets.UTF_8).strip().equals("online")) {
                    homeAssistantOnline.run();
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(TIMEOUT_SECONDS);
        o.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setMaxInflight(MAX_INFLIGHT);
        o.setWill(topics.availability(), Discovery.OFFLINE.getBytes(StandardCharsets.UTF_8), 1, true);
        if (s.user() != null) {
            o.setUserName(s.user());
        }
        if (s.password() != null) {
            o.setPassword(s.password().toCharArray());
        }
        if (tls != null) {
            o.setSocketFactory(tls);
        }
        try {
            client.connect(o);
            client.subscribe(topics.homeAssistantStatus(), 1);
        } catch (MqttException e) {
            session.abort();
            throw e;
        }
        return session;
    }

    /** Publishes and waits for the broker's acknowledgement (QoS 1 and 2; QoS 0 only for the socket write). */
    void publish(MqttMessageOut m, int qos) throws MqttException {
        if (lost != null) {
            throw new MqttException(MqttException.REASON_CODE_CONNECTION_LOST, lost);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                client.publish(m.topic(), m.payload(), qos, m.retained());
                return;
            } catch (MqttException e) {
                // Paho's own limit on messages awaiting the broker, not a lost broker: wait for room
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT || attempt >= INFLIGHT_RETRIES) {
                    throw e;
                }
                try {
                    Thread.sleep(INFLIGHT_WAIT_MILLIS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    boolean isConnected() {
        return lost == null && client.isConnected();
    }

    /** Why the connection was lost, or null. */
    Throwable lost() {
        return lost;
    }

    /** Publishes {@code last} (the {@code offline} availability) and disconnects cleanly, or aborts on failure. */
    void closeWith(MqttMessageOut last) {
        try {
            if (isConnected()) {
                client.publish(last.topic(), last.payload(), 1, last.retained());
                client.disconnect(2_000);
            }
        } catch (MqttException e) {
            // The broker went away while we were leaving: the last will says offline for us.
        }
        abort();
    }

    /** Drops the connection without a goodbye (the broker then publishes the last will). */
    void abort() {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1_000, false);
            }
        } catch (MqttException e) {
            // Already gone.
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // Nothing left to release.
        }
    }

    @Override
    public void close() {
        abort();
    }

    MqttSettings settings() {
        return settings;
    }
}
