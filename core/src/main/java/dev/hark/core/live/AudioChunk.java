package dev.hark.core.live;

/**
 * A piece of 16 kHz mono audio as captured: {@code samples} starting at sample {@code startSample} of the
 * source's own timeline (a gap between two chunks means audio the source lost). Never written after it is
 * handed on.
 */
public record AudioChunk(long startSample, float[] samples) {
    public int length() {
        return samples.length;
    }

    public long endSample() {
        return startSample + samples.length;
    }
}
