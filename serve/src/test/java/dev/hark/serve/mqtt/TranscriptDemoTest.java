package dev.hark.serve.mqtt;

import dev.hark.live.Detector;
import dev.hark.live.capture.FileSource;
import dev.hark.testkit.TestData;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TranscriptDemoTest {
    @Test
    void demo() throws Exception {
        String port = System.getProperty("hark.demo.port");
        Assumptions.assumeTrue(port != null);
        MqttSettings s = MqttSettings.fromMap(java.util.Map.of("host", "127.0.0.1", "port", port, "device", "kitchen",
                "level-interval-seconds", 1));
        try (MqttPublisher mqtt = MqttPublisher.builder(s).concepts(List.of("Dog")).status(System.err::println).build();
                Detector d = Detector.builder().source(new FileSource(TestData.dogClip(), true)).build()) {
            mqtt.start();
            Thread.sleep(500);
            d.addListener(mqtt);
            d.start();
            d.await(60, TimeUnit.SECONDS);
        }
    }
}
