/**
 * The webhook output of {@code hark serve}: each event POSTed as JSON to configured URLs, in order, with retries and
 * exponential back-off, from a bounded queue per URL that never blocks detection.
 */
package dev.hark.serve.webhook;
