package dev.hark.serve.sink;

/**
 * Exponential back-off between attempts: {@code initialMillis}, then twice that, and so on up to {@code maxMillis}.
 *
 * @param initialMillis wait after the first failure
 * @param maxMillis the longest wait
 */
public record Backoff(long initialMillis, long maxMillis) {
    /** One second doubling up to a minute: reconnecting to a broker. */
    public static final Backoff RECONNECT = new Backoff(1_000, 60_000);
    /** Half a second doubling up to 30 s: retrying a webhook. */
    public static final Backoff RETRY = new Backoff(500, 30_000);

    public Backoff {
        if (initialMillis < 1 || maxMillis < initialMillis) {
            throw new IllegalArgumentException("bad back-off: " + initialMillis + " to " + maxMillis + " ms");
        }
    }

    /** The wait after {@code failures} failures in a row (1 = the first). */
    public long delayMillis(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 40));
        double d = initialMillis * Math.pow(2, doublings);
        return (long) Math.min(d, maxMillis);
    }
}
