package dev.hark.serve.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.testkit.Mosquitto;
import dev.hark.testkit.MqttSubscriber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher over TLS to a real mosquitto whose certificate a test CA signed. */
class TlsTest {
    @TempDir
    Path tmp;

    @Test
    void connectsWhenTheCaIsTheBrokersAndReportsAStrangerOnce() throws Exception {
        TestCertificates ours = TestCertificates.make(Files.createDirectories(tmp.resolve("certs")), "ours");
        Path otherCa = TestCertificates.authority(tmp.resolve("certs"), "other");
        List<String> status = Collections.synchronizedList(new ArrayList<>());
        try (Mosquitto broker = Mosquitto.create(tmp).withTls(ours.caPem, ours.serverPem, ours.serverKey).start();
                MqttSubscriber sub = MqttSubscriber.connect(broker.port, "watcher", false, "hark/hark/#")) {
            MqttSettings good = MqttSettings.fromMap(Map.of("host", "127.0.0.1", "port", broker.tlsPort, "tls-ca",
                    ours.caPem.toString()));
            assertEquals("ssl://127.0.0.1:" + broker.tlsPort, good.serverUri());
            try (MqttPublisher p = MqttPublisher.builder(good).concepts(List.of("dog")).status(status::add)
                    .backoff(MqttPublisherTest.FAST).build()) {
                p.start();
                MqttPublisherTest.awaitConnected(p, 1);
                p.onEvent(MqttPublisherTest.onset("dog", 1, 0.9));
                assertEquals("ON", sub.await("hark/hark/dog/state", 2, Duration.ofSeconds(15)).get(1).payload());
            }
            assertEquals(List.of("mqtt: connected to ssl://127.0.0.1:" + broker.tlsPort + " as hark-hark, sending 1"
                    + " queued messages"), status);
            status.clear();
            MqttSettings stranger = MqttSettings.fromMap(Map.of("host", "127.0.0.1", "port", broker.tlsPort,
                    "tls-ca", otherCa.toString()));
            try (MqttPublisher p = MqttPublisher.builder(stranger).status(status::add)
                    .backoff(MqttPublisherTest.FAST).build()) {
                p.start();
                Thread.sleep(1500);
                assertEquals(0, p.stats().connections());
            }
            assertEquals(List.of("mqtt: TLS with 127.0.0.1:" + broker.tlsPort + " failed: the broker's certificate is"
                    + " not signed by a CA of mqtt.tls-ca (" + otherCa + "); retrying in the background"), status,
                    "reported once, though tried many times");
        }
    }
}
