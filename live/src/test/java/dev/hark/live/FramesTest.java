package dev.hark.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.frontend.FrontEndParams;
import dev.hark.core.frontend.FrontEndVariant;
import dev.hark.core.frontend.LogMel;
import dev.hark.live.capture.SampleSource;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The frames a listener gets are the very log-mel frames the models see: those of the offline front end. */
class FramesTest {
    @Test
    void theDetectorHandsOutEveryLogMelFrameOfTheStreamBitForBit() throws Exception {
        float[] scene = DetectionPipelineTest.scene();
        List<Double> starts = new ArrayList<>();
        List<float[]> frames = new ArrayList<>();
        try (Embedder yamnet = Embedders.open("yamnet", 1);
                Detector d = Detector.builder().source(new SampleSource(scene, 1, false)).embedder(yamnet).build()) {
            d.addListener(new DetectionListener() {
                @Override
                public void onFrame(double startSeconds, float[] logMel64) {
                    starts.add(startSeconds);
                    frames.add(logMel64);
                }
            });
            d.start();
            assertTrue(d.await(120, TimeUnit.SECONDS));
        }
        float[][] expected = LogMel.logMel(scene, FrontEndVariant.YAMNET);
        assertEquals(FrontEndParams.frameCount(scene.length), expected.length);
        assertEquals(expected.length, frames.size(), "one per 10 ms frame of the stream, no padding");
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], frames.get(i), "frame " + i);
            assertEquals(i * FrontEndParams.FRAME_HOP_SECONDS, starts.get(i), 1e-9, "start of frame " + i);
        }
    }

    @Test
    void aListenerTakesFramesWhenItsClassHandlesThemAndAFanOutWhenAnyOfItsListenersDoes() {
        DetectionListener events = DetectionListener.forEvents(e -> { });
        DetectionListener frames = new DetectionListener() {
            @Override
            public void onFrame(double startSeconds, float[] logMel64) {
            }
        };
        assertFalse(events.takesFrames(), "the front end need not make the frames of skipped windows for it");
        assertFalse(new DetectionListener() { }.takesFrames());
        assertTrue(frames.takesFrames());
        assertFalse(new ListenerFanOut(List.of(events, DetectionListener.forWindows(w -> { }))).takesFrames());
        assertTrue(new ListenerFanOut(List.of(events, frames)).takesFrames());
    }
}
