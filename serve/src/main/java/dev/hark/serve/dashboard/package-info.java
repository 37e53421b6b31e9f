/**
 * The dashboard {@code hark serve} shows at {@code /}: the feed of the live spectrogram (the detector's own
 * log-mel frames, quantised and batched for the stream), event thumbnails, and the page's static files.
 */
package dev.hark.serve.dashboard;
