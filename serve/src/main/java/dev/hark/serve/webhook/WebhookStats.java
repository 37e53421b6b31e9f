package dev.hark.serve.webhook;

/**
 * Totals of one webhook target.
 *
 * @param delivered events the receiver accepted (a 2xx answer)
 * @param retries attempts made after a failed one
 * @param failed events given up: out of retries, or refused with a 4xx answer other than 408 and 429
 * @param dropped events dropped because the queue was full
 * @param queued events waiting now
 */
public record WebhookStats(long delivered, long retries, long failed, long dropped, int queued) {
}
