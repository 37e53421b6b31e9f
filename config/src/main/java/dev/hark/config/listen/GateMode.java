package dev.hark.config.listen;

import dev.hark.errors.BadInputException;
import java.util.Locale;

/** Which activity detector opens the gate in front of the models. */
public enum GateMode {
    /** No gate: every window runs. */
    OFF,
    /** Energy above an adaptive noise floor (and above a fixed dBFS threshold). */
    ENERGY,
    /** WebRTC VAD (speech-oriented: it would gate out barks and alarms on its own). */
    WEBRTC,
    /** Either detector opens the gate (energy OR WebRTC VAD); the default. */
    BOTH;

    /** Lower-case name as used on the command line and in config files. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a command-line / config value; {@code key} names the setting in the error. */
    public static GateMode parse(String key, String value) {
        for (GateMode m : values()) {
            if (m.cliName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new BadInputException("bad value for " + key + ": '" + value + "' (expected off, energy, webrtc or both)");
    }
}
