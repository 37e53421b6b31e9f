package dev.hark.serve.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hark.core.audio.AudioFiles;
import dev.hark.core.audio.WavWriter;
import dev.hark.serve.HarkService;
import dev.hark.serve.Scenes;
import dev.hark.serve.config.ServeConfig;
import dev.hark.serve.store.EventQuery;
import dev.hark.serve.store.StoredEvent;
import dev.hark.testkit.Signals;
import dev.hark.testkit.TestData;
import dev.hark.testkit.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clips through the whole service: a really full disk (tmpfs), and the speech filter. */
class ClipFaultsTest {
    @TempDir
    Path dir;

    @Test
    void aFullFileSystemStopsClipsNotDetection() throws Exception {
        Path mount = dir.resolve("tiny");
        Files.createDirectories(mount);
        boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString());
        Assumptions.assumeTrue(mounted, "mount -t tmpfs is not allowed here (the injected full disk of "
                + "ClipWriterTest covers the logic)");
        try {
            Path scene = Scenes.dogAndRooster(dir);
            Map<String, String> settings = new java.util.LinkedHashMap<>(Scenes.settings(scene, dir.resolve("st"), false));
            settings.put("clips.dir", mount.resolve("clips").toString());
            settings.put("http.enabled", "false");
            List<String> log = new CopyOnWriteArrayList<>();
            try (HarkService s = HarkService.builder(ServeConfig.of(settings)).log(log::add).build()) {
                s.start();
                assertTrue(s.await(120, TimeUnit.SECONDS));
                Scenes.settle(s);
                List<StoredEvent> events = s.store().query(EventQuery.all());
                assertEquals(2, events.size(), "every event stored: " + log);
                assertTrue(events.stream().allMatch(e -> e.clipPath() == null), "no clip fits in 64 KiB");
                JsonNode clips = s.status().path("clips");
                assertEquals(false, clips.get("saving").asBoolean(), clips.toString());
                assertTrue(clips.get("problem").asText().contains("No space left on device"), clips.toString());
                assertEquals(1, log.stream().filter(l -> l.startsWith("clip saving stopped")).count(), log.toString());
                assertEquals(16.0, s.detector().stats().audioSeconds(), 0.1, "the whole scene was heard");
            }
            try (var left = Files.list(mount.resolve("clips"))) {
                assertEquals(0, left.filter(f -> f.toString().endsWith(".wav")).count(), "no half-written clip");
            }
        } finally {
            run("umount", mount.toString());
        }
    }

    @Test
    void noClipIsKeptWhileSpeechIsHeard() throws Exception {
        Path speech = Tools.speak("Hello, this is a private conversation in the kitchen, please keep it private.",
                dir.resolve("speech.wav"));
        float[] scene = Signals.concat(Signals.noise(1, -70, 1), AudioFiles.readMono16k(TestData.dogClip()),
                Signals.noise(2, -70, 2), AudioFiles.readMono16k(speech), Signals.noise(2, -70, 3));
        Path wav = dir.resolve("scene.wav");
        WavWriter.writePcm16(wav, scene, 16_000);
        for (boolean noSpeech : new boolean[] {false, true}) {
            Map<String, String> settings = new java.util.LinkedHashMap<>(Scenes.settings(wav,
                    dir.resolve("st-" + noSpeech), false));
            settings.put("events.labels", "Dog;Speech");
            settings.put("clips.no-speech", Boolean.toString(noSpeech));
            settings.put("http.enabled", "false");
            try (HarkService s = HarkService.builder(ServeConfig.of(settings)).build()) {
                s.start();
                assertTrue(s.await(120, TimeUnit.SECONDS));
                Scenes.settle(s);
                List<StoredEvent> events = s.store().query(EventQuery.all());
                assertTrue(events.stream().anyMatch(e -> e.concept().equals("Speech")), events.toString());
                assertTrue(events.stream().anyMatch(e -> e.concept().equals("Dog")), events.toString());
                for (StoredEvent e : events) {
                    boolean expectClip = !noSpeech || e.concept().equals("Dog");
                    assertEquals(expectClip, e.clipPath() != null, noSpeech + " " + e);
                }
                assertEquals(noSpeech ? events.stream().filter(e -> !e.concept().equals("Dog")).count() : 0,
                        s.status().path("clips").get("withheld_for_speech").asLong());
            }
        }
    }

    static boolean run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
