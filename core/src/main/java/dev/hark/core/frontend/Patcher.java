package dev.hark.core.frontend;

import static dev.hark.core.frontend.FrontEndParams.MEL_BANDS;
import static dev.hark.core.frontend.FrontEndParams.PATCH_FRAMES;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Groups a stream of log-mel frames into patches of 96 frames, one starting every {@code hopFrames} frames
 * (VGGish 96: no overlap; YAMNet 48). Patches start at the first frame index the patcher sees and every hop
 * after it; a patch is complete when its 96th frame arrives. Frames must come with consecutive indices
 * (call {@link #reset()} for a new stream). Frame arrays are kept by reference, never written.
 * Not thread-safe.
 */
public final class Patcher {
    private final int hopFrames;
    /** The last 96 frames, ring-indexed by frame index modulo 96. */
    private final float[][] ring = new float[PATCH_FRAMES][];
    private long firstIndex = -1;
    private long nextIndex = -1;

    public Patcher(int hopFrames) {
        if (hopFrames < 1) {
            throw new IllegalArgumentException("hopFrames must be >= 1, got " + hopFrames);
        }
        this.hopFrames = hopFrames;
    }

    public int hopFrames() {
        return hopFrames;
    }

    /**
     * Accepts the next frame; returns the patch it completes, if any.
     *
     * @throws IllegalArgumentException if the index does not follow the previous one or the frame is not 64 values
     */
    public Optional<LogMelPatch> accept(long frameIndex, float[] frame) {
        Objects.requireNonNull(frame, "frame");
        if (frame.length != MEL_BANDS) {
            throw new IllegalArgumentException("frame: expected " + MEL_BANDS + " values, got " + frame.length);
        }
        if (frameIndex < 0) {
            throw new IllegalArgumentException("frameIndex must be >= 0, got " + frameIndex);
        }
        if (firstIndex < 0) {
            firstIndex = frameIndex;
        } else if (frameIndex != nextIndex) {
            throw new IllegalArgumentException("frame " + frameIndex + " does not follow frame " + (nextIndex - 1)
                    + " (reset() the patcher for a new stream)");
        }
        nextIndex = frameIndex + 1;
        ring[(int) Math.floorMod(frameIndex, (long) PATCH_FRAMES)] = frame;
        long start = frameIndex - (PATCH_FRAMES - 1);
        if (start < firstIndex || (start - firstIndex) % hopFrames != 0) {
            return Optional.empty();
        }
        float[][] frames = new float[PATCH_FRAMES][];
        for (int i = 0; i < PATCH_FRAMES; i++) {
            frames[i] = ring[(int) Math.floorMod(start + i, (long) PATCH_FRAMES)];
        }
        return Optional.of(new LogMelPatch(frames, start));
    }

    /** Forgets all frames: the next frame starts a new stream. */
    public void reset() {
        java.util.Arrays.fill(ring, null);
        firstIndex = -1;
        nextIndex = -1;
    }

    /** A frame sink that patches the frames and hands each completed patch to {@code patches}. */
    public FrameSink sinkTo(Consumer<? super LogMelPatch> patches) {
        Objects.requireNonNull(patches, "patches");
        return (index, frame) -> accept(index, frame).ifPresent(patches);
    }

    /** Number of patches in {@code frames} frames: {@code 1 + (frames - 96) / hop}, 0 if fewer than 96. */
    public static int patchCount(long frames, int hopFrames) {
        if (hopFrames < 1) {
            throw new IllegalArgumentException("hopFrames must be >= 1, got " + hopFrames);
        }
        return frames < PATCH_FRAMES ? 0 : (int) (1 + (frames - PATCH_FRAMES) / hopFrames);
    }

    /**
     * All patches of a frame array: {@code [patchCount][96][64]}, patch {@code p} from frames
     * {@code [p * hop, p * hop + 96)}. Rows are shared with {@code frames} (not copied).
     */
    public static float[][][] patches(float[][] frames, int hopFrames) {
        Objects.requireNonNull(frames, "frames");
        int count = patchCount(frames.length, hopFrames);
        float[][][] out = new float[count][PATCH_FRAMES][];
        for (int p = 0; p < count; p++) {
            System.arraycopy(frames, p * hopFrames, out[p], 0, PATCH_FRAMES);
        }
        return out;
    }
}
