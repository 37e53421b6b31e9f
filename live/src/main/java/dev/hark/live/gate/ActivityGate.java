package dev.hark.live.gate;

/**
 * One activity detector in front of the models: looks at one 30 ms frame of 16 kHz audio at a time and says
 * whether something is going on. Stateful (noise floors, VAD history); used by one thread.
 */
public interface ActivityGate extends AutoCloseable {
    /** Samples in one gate frame: 30 ms at 16 kHz (a frame length WebRTC VAD accepts too). */
    int FRAME_SAMPLES = 480;

    /** Short name for status lines ({@code energy}, {@code webrtc}). */
    String name();

    /** Decides one frame of {@link #FRAME_SAMPLES} samples at {@code frame[off]} (not modified). */
    boolean isActive(float[] frame, int off);

    /** Forgets all history, as if new. */
    void reset();

    /** Releases native resources, if any; idempotent. */
    @Override
    default void close() {
    }
}
