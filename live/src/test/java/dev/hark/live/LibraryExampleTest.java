package dev.hark.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.events.DetectionEvent;
import dev.hark.live.capture.FileSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's library example, kept compiling and working (there with a microphone, here with a file). */
class LibraryExampleTest {
    @Test
    void readmeExample() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Path file = Sounds.dogClip();
        // --- as in the README (source: new MicrophoneSource(null) there) ---
        try (Detector detector = Detector.builder()
                .source(new FileSource(file, false))       // or new MicrophoneSource(null): the default device
                .threads(1)
                .build()) {
            detector.addListener(new DetectionListener() {
                @Override
                public void onEvent(DetectionEvent e) {
                    String line = String.format("%.2f %s %s %.2f", e.timeSeconds(), e.type(), e.label(), e.score());
                    System.out.println(line);
                    lines.add(line);
                }
            });
            detector.start();
            detector.await(60, TimeUnit.SECONDS);          // a microphone runs until stop(): Thread.sleep(...) there
            detector.stop();                                // closes open events, flushes
            System.out.println(detector.stats());
        }
        // ---
        assertTrue(lines.stream().anyMatch(l -> l.contains("ONSET Dog")), lines.toString());
        assertEquals(lines.stream().filter(l -> l.contains("ONSET")).count(),
                lines.stream().filter(l -> l.contains("OFFSET")).count());
    }
}
