package dev.hark.live;

/** Waits between reconnection attempts; tests inject one that records the waits instead of sleeping. */
@FunctionalInterface
interface Sleeper {
    /** The real one. */
    Sleeper THREAD = Thread::sleep;

    void sleep(long millis) throws InterruptedException;
}
