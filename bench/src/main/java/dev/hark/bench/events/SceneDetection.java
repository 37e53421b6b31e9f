package dev.hark.bench.events;

import dev.hark.config.listen.ListenSettings;
import dev.hark.core.events.DetectionEvent;
import dev.hark.live.Detector;
import dev.hark.live.DetectorStats;
import dev.hark.live.capture.SampleSource;
import dev.hark.models.embed.Embedder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs a scene through the {@link Detector} that {@code hark listen} uses, fed from memory as fast as it is
 * processed, and collects its events.
 *
 * @param events every onset and offset, in the order the detector reported them
 * @param stats the detector's totals at the end
 * @param wallSeconds how long the run took
 */
public record SceneDetection(List<DetectionEvent> events, DetectorStats stats, double wallSeconds) {
    public SceneDetection {
        events = List.copyOf(events);
    }

    /**
     * @param settings listen's settings (its defaults, plus a classifier if any)
     * @param embedder an open embedder for {@code settings}' model, shared by the runs (not closed here)
     */
    public static SceneDetection run(Scene scene, ListenSettings settings, Embedder embedder)
            throws InterruptedException {
        List<DetectionEvent> events = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        try (Detector d = Detector.builder().source(new SampleSource(scene.samples(), 1, false)).settings(settings)
                .embedder(embedder).build()) {
            d.onEvent(events::add);
            d.start();
            d.await();
            DetectorStats stats = d.stats();
            synchronized (events) {
                return new SceneDetection(new ArrayList<>(events), stats, (System.nanoTime() - t0) / 1e9);
            }
        }
    }
}
