package dev.hark.live.teach;

/** What a {@link Teacher} is doing. */
public enum TeachState {
    /** The source is open; the first half second sets the gate's idea of the room. */
    SETTLING,
    /** Waiting for a sound (the gate to open). */
    WAITING,
    /** A sound is going on (the gate is open); it is saved when the room is quiet again. */
    HEARING,
    /** A sound was going on when listening began, or was cut at the longest length: waiting for quiet first. */
    WAITING_FOR_QUIET,
    /** Recording the background (no gate: everything is kept). */
    RECORDING,
    /** Every example (or the background's length) was recorded. */
    DONE,
    /** Ended before that: stopped, the duration limit, or the end of the source. */
    STOPPED;

    /** Whether this is a teacher's last state ({@link #DONE} or {@link #STOPPED}): nothing is recorded after it. */
    public boolean last() {
        return this == DONE || this == STOPPED;
    }

    /** The lower-case name used in status lines, e.g. {@code waiting for quiet}. */
    public String words() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
