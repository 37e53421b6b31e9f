package dev.hark.serve.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;
import java.net.SocketException;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;

class ConnectProblemTest {
    private final MqttSettings s = MqttSettings.of("127.0.0.1", 1883);

    @Test
    void aPublishThatFindsTheSocketClosedReadsAsAHangUpNotAsUnreachable() {
        // Paho's publish can fail with "Client is not connected" before its connectionLost callback says why.
        assertEquals("lost the broker at 127.0.0.1:1883 (connection closed)",
                ConnectProblem.lost(s, new MqttException(MqttException.REASON_CODE_CLIENT_NOT_CONNECTED)));
        assertEquals("lost the broker at 127.0.0.1:1883 (connection closed)",
                ConnectProblem.lost(s, new MqttException(MqttException.REASON_CODE_CONNECTION_LOST)));
    }

    @Test
    void theSocketsReasonIsKeptWhenThereIsOne() {
        assertEquals("lost the broker at 127.0.0.1:1883 (Connection reset)",
                ConnectProblem.lost(s, new MqttException(MqttException.REASON_CODE_CONNECTION_LOST,
                        new SocketException("Connection reset"))));
        assertEquals("lost the broker at 127.0.0.1:1883 (connection closed)",
                ConnectProblem.lost(s, new MqttException(MqttException.REASON_CODE_CONNECTION_LOST,
                        new EOFException())));
    }
}
