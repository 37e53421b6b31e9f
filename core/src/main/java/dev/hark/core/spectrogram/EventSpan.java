package dev.hark.core.spectrogram;

/** One detected event to draw on the timeline: a label and its span in seconds. */
public record EventSpan(String label, double startSeconds, double endSeconds) {
}
