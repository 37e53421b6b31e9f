package dev.hark.serve;

import dev.hark.core.audio.AudioFiles;
import dev.hark.core.audio.WavWriter;
import dev.hark.testkit.Signals;
import dev.hark.testkit.TestData;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test scenes made in-process from ESC-50 clips of ../shared and quiet noise, and the config files around them. */
public final class Scenes {
    private Scenes() {
    }

    /** Quiet, the ESC-50 dog, quiet, a rooster, quiet (16 s at 16 kHz): Dog and "Chicken, rooster" events. */
    public static Path dogAndRooster(Path dir) {
        return dogAndRooster(dir, 2);
    }

    /** As {@link #dogAndRooster(Path)} with {@code leadSeconds} of quiet before the dog. */
    public static Path dogAndRooster(Path dir, double leadSeconds) {
        float[] dog = AudioFiles.readMono16k(TestData.dogClip());
        float[] rooster = AudioFiles.readMono16k(TestData.shared("datasets/esc50-dev/audio/1-26806-A-1.ogg"));
        float[] scene = Signals.concat(Signals.noise(leadSeconds, -70, 1), dog, Signals.noise(2, -70, 2), rooster,
                Signals.noise(2, -70, 3));
        Path p = dir.resolve("scene.wav");
        WavWriter.writePcm16(p, scene, 16_000);
        return p;
    }

    /** Waits until every clip of the events so far is saved, failed or withheld and no store write waits. */
    public static void settle(HarkService s) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (true) {
            com.fasterxml.jackson.databind.JsonNode st = s.status();
            com.fasterxml.jackson.databind.JsonNode c = st.path("clips");
            long done = c.path("saved").asLong() + c.path("failed").asLong() + c.path("withheld_for_speech").asLong();
            if ((!c.path("enabled").asBoolean() || done >= s.eventsSinceStart())
                    && st.path("store").path("pending_writes").asInt() == 0
                    && st.path("events").path("stored").asLong() == s.eventsSinceStart()) {
                Thread.sleep(200); // the last clip's store update
                return;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("the service did not settle: " + st);
            }
            Thread.sleep(20);
        }
    }

    /** The flat settings of a service on {@code input} keeping everything under {@code state}, API on any port. */
    public static Map<String, String> settings(Path input, Path state, boolean realtime) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("source.input", input.toString());
        m.put("source.realtime", Boolean.toString(realtime));
        m.put("events.raw-labels", "true"); // these tests name AudioSet labels; AllOutputsTest uses concepts
        m.put("events.labels", "Dog;Chicken, rooster");
        m.put("store.path", state.resolve("events.db").toString());
        m.put("clips.dir", state.resolve("clips").toString());
        m.put("dataset.dir", state.resolve("dataset").toString());
        m.put("http.port", "0");
        m.put("output.status-interval-seconds", "0");
        return m;
    }
}
