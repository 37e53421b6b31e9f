package dev.hark.live.gate;

import java.util.List;

/**
 * The combined activity gate over a stream: cuts the audio into 30 ms frames, opens when ANY of its
 * detectors says active (asked in order; the first sees every frame, later ones only frames the earlier did
 * not open), stays open for a hangover after the last active frame, and remembers the
 * open/closed state of the recent frames so that a whole window can be asked "was the gate open at any
 * moment within you?" ({@link #openDuring}). Sample positions count from the first sample accepted.
 */
public final class GateTimeline implements AutoCloseable {
    /** Frames remembered (about 61 s), far more than one window. */
    private static final int HISTORY_FRAMES = 2048;

    private final List<ActivityGate> gates;
    private final int hangoverFrames;
    private final float[] pending = new float[ActivityGate.FRAME_SAMPLES];
    private int pendingLength;
    private final boolean[] open = new boolean[HISTORY_FRAMES];
    private long framesDecided;
    private long framesOpen;
    private long lastActiveFrame = Long.MIN_VALUE / 2;
    private boolean closed;

    /**
     * @param gates detectors combined with OR (at least one)
     * @param hangoverMs the gate stays open this long after the last active frame
     */
    public GateTimeline(List<ActivityGate> gates, int hangoverMs) {
        if (gates.isEmpty()) {
            throw new IllegalArgumentException("a gate timeline needs at least one detector");
        }
        this.gates = List.copyOf(gates);
        this.hangoverFrames = (int) Math.ceil(hangoverMs / 30.0);
    }

    /** Feeds the next {@code len} samples of the stream. */
    public void accept(float[] x, int off, int len) {
        int i = 0;
        while (i < len) {
            int n = Math.min(len - i, pending.length - pendingLength);
            System.arraycopy(x, off + i, pending, pendingLength, n);
            pendingLength += n;
            i += n;
            if (pendingLength == pending.length) {
                decide();
                pendingLength = 0;
            }
        }
    }

    private void decide() {
        // the first detector sees every frame (the energy gate's noise floor must stay current); the others are
        // asked only while the gate is not already open for this frame (OR): the WebRTC VAD's native calls cost
        boolean active = false;
        for (int i = 0; i < gates.size() && !active; i++) {
            active = gates.get(i).isActive(pending, 0);
        }
        long f = framesDecided;
        if (active) {
            lastActiveFrame = f;
        }
        boolean isOpen = f - lastActiveFrame <= hangoverFrames;
        open[(int) (f % HISTORY_FRAMES)] = isOpen;
        framesDecided++;
        if (isOpen) {
            framesOpen++;
        }
    }

    /**
     * Whether the gate was open at any decided frame overlapping samples [startSample, endSample). A range
     * older than the remembered history counts as open (never skip what cannot be checked).
     */
    public boolean openDuring(long startSample, long endSample) {
        long first = Math.floorDiv(startSample, ActivityGate.FRAME_SAMPLES);
        long last = Math.min(framesDecided - 1, Math.floorDiv(endSample - 1, ActivityGate.FRAME_SAMPLES));
        if (first < framesDecided - HISTORY_FRAMES) {
            return true;
        }
        for (long f = Math.max(0, first); f <= last; f++) {
            if (open[(int) (f % HISTORY_FRAMES)]) {
                return true;
            }
        }
        return false;
    }

    /** Whether the last decided frame left the gate open. */
    public boolean isOpen() {
        return framesDecided > 0 && open[(int) ((framesDecided - 1) % HISTORY_FRAMES)];
    }

    /**
     * How many of the last decided frames the gate was closed for, up to now: 0 while it is open (or before the first
     * frame); every frame decided when it never opened.
     */
    public long closedFrames() {
        if (framesDecided == 0 || isOpen()) {
            return 0;
        }
        long lastOpen = lastActiveFrame + hangoverFrames; // the gate's last open frame (before the first if none)
        return Math.min(framesDecided, framesDecided - 1 - lastOpen);
    }

    /** How many frames the gate stays open after the last active one (the hangover, in whole frames). */
    public int hangoverFrames() {
        return hangoverFrames;
    }

    public long framesDecided() {
        return framesDecided;
    }

    public long framesOpen() {
        return framesOpen;
    }

    public List<ActivityGate> gates() {
        return gates;
    }

    /** Closes the detectors; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        for (ActivityGate g : gates) {
            try {
                g.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
