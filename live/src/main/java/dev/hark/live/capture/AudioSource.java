package dev.hark.live.capture;

import java.io.IOException;

/**
 * Where live audio comes from (a microphone, a file). {@link #open} acquires it, {@link #read} blocks until
 * samples arrive; one capture thread calls these. A source may be opened again after it was lost (reconnect).
 */
public interface AudioSource extends AutoCloseable {
    /** Short description before opening, e.g. {@code default device} or a file name. */
    String name();

    /**
     * Opens (or re-opens) the source.
     *
     * @throws dev.hark.errors.BadInputException when it does not exist or cannot be used (no device, busy,
     *         unreadable file): the message says which and why
     */
    SourceFormat open();

    /**
     * Reads up to {@code len} mono samples at {@link SourceFormat#sampleRateHz()} into {@code buf[off]},
     * blocking until some arrive; returns the count, or -1 at the end of the source (files).
     *
     * @throws IOException when the source was lost (device unplugged): it may be opened again
     */
    int read(float[] buf, int off, int len) throws IOException;

    /**
     * True when audio arrives at real-time pace whether or not it is read (microphone, real-time file): the
     * Detector then puts a bounded queue between capture and processing. False: read as fast as processed.
     */
    boolean realtime();

    /** True when a lost source may come back (devices): the Detector retries {@link #open} with back-off. */
    boolean reconnectable();

    /** Releases the device or file; idempotent, and may be called from another thread to end a read. */
    @Override
    void close();
}
