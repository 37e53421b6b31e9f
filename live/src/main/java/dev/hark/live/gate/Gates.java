package dev.hark.live.gate;

import dev.hark.config.listen.GateMode;
import dev.hark.config.listen.GateSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the activity gate that {@link GateSettings} ask for: which detectors run, in which order. */
public final class Gates {
    private Gates() {
    }

    /**
     * The gate timeline for {@code settings}, or empty for {@link GateMode#OFF} (every window runs). With
     * {@link GateMode#BOTH} the energy gate comes first: it sees every frame (its noise floor stays current) and the
     * WebRTC VAD is asked only when the energy gate is closed. The caller closes the timeline.
     *
     * @throws dev.hark.errors.ModelException when the WebRTC VAD's native library cannot be loaded
     */
    public static Optional<GateTimeline> timeline(GateSettings settings) {
        GateMode mode = settings.mode();
        if (mode == GateMode.OFF) {
            return Optional.empty();
        }
        List<ActivityGate> gates = new ArrayList<>();
        if (mode == GateMode.ENERGY || mode == GateMode.BOTH) {
            gates.add(new EnergyGate(settings.energyThresholdDbfs(), settings.noiseFloorMarginDb()));
        }
        if (mode == GateMode.WEBRTC || mode == GateMode.BOTH) {
            gates.add(new WebRtcVad(settings.vadMode()));
        }
        return Optional.of(new GateTimeline(gates, settings.hangoverMs()));
    }
}
