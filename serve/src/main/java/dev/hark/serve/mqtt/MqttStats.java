package dev.hark.serve.mqtt;

/**
 * Totals of an {@link MqttPublisher}.
 *
 * @param connected whether it is connected now
 * @param connections successful connections since start (more than 1: it reconnected)
 * @param published messages the broker acknowledged (discovery, states, events, levels)
 * @param queued messages waiting for the broker
 * @param dropped messages dropped because the queue was full while the broker was away
 * @param discoveries times the discovery messages were published
 */
public record MqttStats(boolean connected, long connections, long published, int queued, long dropped,
        long discoveries) {
}
