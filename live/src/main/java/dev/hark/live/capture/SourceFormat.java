package dev.hark.live.capture;

/**
 * What a source delivers: mono float samples at {@code sampleRateHz} (resampled to 16 kHz by the Detector
 * when different), and a description of what was actually obtained (device, encoding, buffer).
 */
public record SourceFormat(int sampleRateHz, String description) {
}
