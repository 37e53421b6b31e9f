package dev.hark.live;

import static dev.hark.core.frontend.FrontEndParams.SAMPLE_RATE_HZ;

/**
 * The stream's clock in 16 kHz samples: how much audio was processed, and how far the timeline jumped over audio
 * that was dropped, so that times reported stay aligned with the real audio. Used by one thread.
 */
final class StreamTimeline {
    private long processedSamples;
    private long skippedSamples;
    private double skippedSeconds;

    /** {@code samples16k} more samples were processed. */
    void processed(int samples16k) {
        processedSamples += samples16k;
    }

    /** {@code seconds} of audio were lost (dropped by an overrun): the timeline jumps over them. */
    void skipped(double seconds) {
        if (seconds > 0) {
            skippedSamples += Math.round(seconds * SAMPLE_RATE_HZ);
            skippedSeconds += seconds;
        }
    }

    /** 16 kHz samples processed so far. */
    long processedSamples() {
        return processedSamples;
    }

    double processedSeconds() {
        return processedSamples / (double) SAMPLE_RATE_HZ;
    }

    /** Seconds of audio skipped so far. */
    double skippedSeconds() {
        return skippedSeconds;
    }

    /** Where the next sample processed lies on the stream's timeline, in 16 kHz samples. */
    long nextStreamSample() {
        return processedSamples + skippedSamples;
    }

    /** How far processed-audio times are shifted on the stream's timeline. */
    double offsetSeconds() {
        return skippedSamples / (double) SAMPLE_RATE_HZ;
    }

    /** The end of the audio processed, on the stream's timeline. */
    double endSeconds() {
        return nextStreamSample() / (double) SAMPLE_RATE_HZ;
    }
}
