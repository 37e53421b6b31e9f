package dev.hark.core.frontend;

import static dev.hark.core.frontend.FrontEndParams.FRAME_HOP_SECONDS;
import static dev.hark.core.frontend.FrontEndParams.HOP_LENGTH_SAMPLES;
import static dev.hark.core.frontend.FrontEndParams.MEL_BANDS;
import static dev.hark.core.frontend.FrontEndParams.PATCH_FRAMES;
import static dev.hark.core.frontend.FrontEndParams.SAMPLE_RATE_HZ;
import static dev.hark.core.frontend.FrontEndParams.WINDOW_LENGTH_SAMPLES;

import java.util.Objects;

/**
 * A patch of 96 consecutive log-mel frames ({@code [96][64]}), the input of one embedding, and the index of
 * its first frame in the stream. The arrays are never written after the patch is made.
 *
 * @param frames the 96 frames of 64 values
 * @param startFrame index of the first frame in its stream
 */
public record LogMelPatch(float[][] frames, long startFrame) {
    public LogMelPatch {
        Objects.requireNonNull(frames, "frames");
        if (frames.length != PATCH_FRAMES) {
            throw new IllegalArgumentException("frames: a patch has " + PATCH_FRAMES + " frames, got " + frames.length);
        }
        for (int i = 0; i < frames.length; i++) {
            if (frames[i] == null || frames[i].length != MEL_BANDS) {
                throw new IllegalArgumentException("frames[" + i + "]: expected " + MEL_BANDS + " values, got "
                        + (frames[i] == null ? "null" : frames[i].length));
            }
        }
        if (startFrame < 0) {
            throw new IllegalArgumentException("startFrame must be >= 0, got " + startFrame);
        }
    }

    /** Start of the patch's first frame in the stream, seconds ({@code startFrame * 0.01}). */
    public double startSeconds() {
        return startFrame * FRAME_HOP_SECONDS;
    }

    /**
     * End of the audio the patch covers, seconds: the end of its last 25 ms frame, so
     * {@code startSeconds() + 0.975} (95 hops of 10 ms plus one 25 ms window).
     */
    public double endSeconds() {
        long endSample = (startFrame + PATCH_FRAMES - 1) * HOP_LENGTH_SAMPLES + WINDOW_LENGTH_SAMPLES;
        return endSample / (double) SAMPLE_RATE_HZ;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "LogMelPatch[startFrame=%d, %.2f-%.3f s]", startFrame,
                startSeconds(), endSeconds());
    }
}
