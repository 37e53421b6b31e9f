package dev.hark.live.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.config.listen.GateMode;
import dev.hark.config.listen.GateSettings;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatesTest {
    private static List<String> names(GateMode mode) {
        Optional<GateTimeline> t = Gates.timeline(GateSettings.defaults().withMode(mode));
        try {
            return t.map(g -> g.gates().stream().map(ActivityGate::name).toList()).orElse(List.of());
        } finally {
            t.ifPresent(GateTimeline::close);
        }
    }

    @Test
    void theModeDecidesWhichDetectorsRunAndInWhichOrder() {
        assertTrue(Gates.timeline(GateSettings.defaults().withMode(GateMode.OFF)).isEmpty());
        assertEquals(List.of("energy"), names(GateMode.ENERGY));
        assertEquals(List.of("webrtc"), names(GateMode.WEBRTC));
        assertEquals(List.of("energy", "webrtc"), names(GateMode.BOTH), "the energy gate first: it sees every frame");
    }

    @Test
    void theSettingsReachTheDetectors() {
        GateSettings s = GateSettings.builder().mode(GateMode.ENERGY).energyThresholdDbfs(-30).hangoverMs(0).build();
        try (GateTimeline t = Gates.timeline(s).orElseThrow()) {
            float[] frame = new float[ActivityGate.FRAME_SAMPLES];
            java.util.Arrays.fill(frame, 0.01f); // -40 dBFS: open at the default -50, closed at -30
            t.accept(frame, 0, frame.length);
            assertEquals(1, t.framesDecided());
            assertEquals(0, t.framesOpen());
        }
    }
}
