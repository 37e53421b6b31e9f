package dev.hark.live;

/**
 * A state change or periodic report of a {@link Detector}.
 *
 * @param kind what happened
 * @param message one human-readable line
 * @param stats totals at that moment
 */
public record DetectorStatus(Kind kind, String message, DetectorStats stats) {
    /** What happened. */
    public enum Kind {
        /** Source and models are open; the format obtained is in the message. */
        STARTED,
        /** The device stopped delivering audio. */
        DEVICE_LOST,
        /** A reconnection attempt failed; the next one is due after the back-off in the message. */
        RECONNECTING,
        /** The device is open again. */
        RECONNECTED,
        /** Processing fell behind and the oldest audio was dropped. */
        AUDIO_DROPPED,
        /** Periodic totals. */
        PERIODIC,
        /** The source ended (end of file, duration reached) or stop() was called; events are closed. */
        STOPPED,
        /** The detector stopped on an error (in the message; rethrown by {@link Detector#await}). */
        FAILED
    }
}
