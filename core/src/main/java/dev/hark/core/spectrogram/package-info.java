/**
 * Spectrogram images: log-mel frames max-pooled into a bounded number of columns, the pixel mapping of the time
 * (seconds) and frequency (Hz on the mel scale) axes, and the Java2D painting of the image and its event timeline.
 */
package dev.hark.core.spectrogram;
