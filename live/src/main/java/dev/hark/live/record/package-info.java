/**
 * Recording events as WAV clips: the pre-roll ring of recent audio and the recorder that writes one clip
 * per event.
 */
package dev.hark.live.record;
