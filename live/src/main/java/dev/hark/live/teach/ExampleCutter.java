package dev.hark.live.teach;

import dev.hark.core.frontend.FrontEndParams;
import dev.hark.live.gate.ActivityGate;
import dev.hark.live.gate.EnergyGate;
import dev.hark.live.record.AudioRing;

/**
 * Cuts examples out of a stream, frame by frame: given each 30 ms frame ({@link ActivityGate#FRAME_SAMPLES}
 * samples at 16 kHz) and whether the activity gate was open after it, it waits for the gate to open, follows the
 * sound while it lasts (pauses shorter than {@link CutSettings#quietSeconds} join), and when the room has been
 * quiet long enough hands back the sound plus {@link CutSettings#marginSeconds} on each side. The sound ends where
 * the gate's last active frame ended: the gate's hangover (which keeps it open after a sound) is taken off again.
 * A sound shorter than {@link CutSettings#minSoundSeconds} is ignored (counted); one longer than {@link
 * CutSettings#maxSoundSeconds} is cut there, and the cutter then waits for quiet. No threads, no clock: the
 * position is the count of frames. Used by one thread.
 */
public final class ExampleCutter {
    /** Samples of one frame. */
    public static final int FRAME = ActivityGate.FRAME_SAMPLES;

    /** An example cut out: its audio and where it lies, in 16 kHz samples from the first frame. */
    public record Cut(long startSample, float[] samples, long soundStartSample, long soundEndSample, double peakDbfs) {
        public double seconds() {
            return samples.length / (double) FrontEndParams.SAMPLE_RATE_HZ;
        }

        public double soundSeconds() {
            return (soundEndSample - soundStartSample) / (double) FrontEndParams.SAMPLE_RATE_HZ;
        }
    }

    private final int hangoverFrames;
    private final long marginSamples;
    private final long minSoundSamples;
    private final long maxSoundFrames;
    private final long quietFrames;
    private final long settleFrames;
    private final AudioRing ring;
    private TeachState state = TeachState.SETTLING;
    private long frames;
    private long soundStartFrame;
    private long closedAtFrame;
    private int tooShort;
    private double lastTooShortSeconds;

    /**
     * @param hangoverFrames the gate's hangover in frames ({@link dev.hark.live.gate.GateTimeline#hangoverFrames()})
     */
    public ExampleCutter(CutSettings s, int hangoverFrames) {
        if (hangoverFrames < 0) {
            throw new IllegalArgumentException("hangover frames must not be negative: " + hangoverFrames);
        }
        int rate = FrontEndParams.SAMPLE_RATE_HZ;
        this.hangoverFrames = hangoverFrames;
        this.marginSamples = Math.round(s.marginSeconds() * rate);
        this.minSoundSamples = Math.round(s.minSoundSeconds() * rate);
        this.maxSoundFrames = Math.max(1, Math.round(s.maxSoundSeconds() * rate / FRAME));
        this.quietFrames = Math.round(s.quietSeconds() * rate / FRAME);
        this.settleFrames = Math.round(s.settleSeconds() * rate / FRAME);
        // the margin before, the longest sound, the hangover and quiet after it, and the margin after, with room
        double holdSeconds = 2 * s.marginSeconds() + s.maxSoundSeconds() + s.quietSeconds()
                + hangoverFrames * FRAME / (double) rate + 1.0;
        this.ring = new AudioRing((int) Math.ceil(holdSeconds * rate));
    }

    /**
     * Takes the next frame, {@link #FRAME} samples at {@code x[off]} (not modified), and whether the gate was open
     * after it; returns the example this frame completed, or null.
     */
    public Cut accept(float[] x, int off, boolean gateOpen) {
        ring.append(x, off, FRAME);
        long f = frames++;
        switch (state) {
            case SETTLING -> {
                if (frames >= settleFrames) {
                    state = gateOpen ? TeachState.WAITING_FOR_QUIET : TeachState.WAITING;
                }
            }
            case WAITING -> {
                if (gateOpen) {
                    soundStartFrame = f;
                    closedAtFrame = -1;
                    state = TeachState.HEARING;
                }
            }
            case HEARING -> {
                if (!gateOpen) {
                    if (closedAtFrame < 0) {
                        closedAtFrame = f;
                    }
                    return endIfQuiet(f);
                }
                closedAtFrame = -1;
                if (f + 1 - soundStartFrame >= maxSoundFrames) {
                    state = TeachState.WAITING_FOR_QUIET;
                    long end = Math.min(f + 1, soundStartFrame + maxSoundFrames) * FRAME; // a pause may have run over
                    return cut(soundStartFrame * FRAME, end, end);
                }
            }
            case WAITING_FOR_QUIET -> {
                if (!gateOpen) {
                    state = TeachState.WAITING;
                }
            }
            default -> throw new IllegalStateException("a cutter is never " + state);
        }
        return null;
    }

    /** In a sound whose gate closed at frame {@code closedAtFrame}: the example once the room was quiet long enough. */
    private Cut endIfQuiet(long f) {
        long soundEnd = soundEndSample();
        if (f + 1 - closedAtFrame < quietFrames || (f + 1) * FRAME < soundEnd + marginSamples) {
            return null;
        }
        state = TeachState.WAITING;
        long soundStart = soundStartFrame * FRAME;
        if (soundEnd - soundStart < minSoundSamples) {
            tooShort++;
            lastTooShortSeconds = (soundEnd - soundStart) / (double) FrontEndParams.SAMPLE_RATE_HZ;
            return null;
        }
        return cut(soundStart, soundEnd, soundEnd + marginSamples);
    }

    /** Where the sound ended: the gate's last active frame, the hangover after it taken off. */
    private long soundEndSample() {
        return Math.min(soundStartFrame + maxSoundFrames, Math.max(soundStartFrame + 1, closedAtFrame - hangoverFrames))
                * FRAME;
    }

    private Cut cut(long soundStart, long soundEnd, long to) {
        long from = Math.max(ring.startSample(), soundStart - marginSamples);
        float[] samples = ring.copy(from, to);
        double peak = EnergyGate.MIN_LEVEL_DBFS;
        for (int i = 0; i + FRAME <= samples.length; i += FRAME) {
            peak = Math.max(peak, EnergyGate.levelDbfs(samples, i, FRAME));
        }
        return new Cut(from, samples, soundStart, soundEnd, peak);
    }

    /**
     * In the middle of a sound when the stream was interrupted (audio dropped): the sound is given up and the cutter
     * waits for quiet before the next one.
     */
    public void interrupt() {
        if (state == TeachState.HEARING) {
            state = TeachState.WAITING_FOR_QUIET;
        }
    }

    /** What it is doing: {@link TeachState#SETTLING}, {@code WAITING}, {@code HEARING} or {@code WAITING_FOR_QUIET}. */
    public TeachState state() {
        return state;
    }

    /** Frames taken so far. */
    public long frames() {
        return frames;
    }

    /** Sounds ignored as shorter than the shortest kept. */
    public int tooShort() {
        return tooShort;
    }

    /** The length of the last sound ignored as too short, in seconds. */
    public double lastTooShortSeconds() {
        return lastTooShortSeconds;
    }
}
