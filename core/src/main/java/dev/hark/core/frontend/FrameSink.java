package dev.hark.core.frontend;

/** Receives log-mel frames in order. The array is fresh and never written again by the sender. */
@FunctionalInterface
public interface FrameSink {
    /**
     * One completed frame.
     *
     * @param frameIndex index of the frame in its stream, from 0: it covers samples {@code [160 i, 160 i + 400)}
     * @param logMel64 the 64 log-mel values
     */
    void frame(long frameIndex, float[] logMel64);
}
