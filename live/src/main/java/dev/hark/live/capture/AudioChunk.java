package dev.hark.live.capture;

import dev.hark.core.frontend.FrontEndParams;

/**
 * A piece of mono audio as captured: {@code samples} at {@code sampleRateHz}, starting at sample
 * {@code startSample} of the source's own timeline. Never written after it is handed on.
 */
public record AudioChunk(long startSample, float[] samples, int sampleRateHz) {
    /** A chunk of 16 kHz audio. */
    public AudioChunk(long startSample, float[] samples) {
        this(startSample, samples, FrontEndParams.SAMPLE_RATE_HZ);
    }

    public int length() {
        return samples.length;
    }

    public long endSample() {
        return startSample + samples.length;
    }
}
