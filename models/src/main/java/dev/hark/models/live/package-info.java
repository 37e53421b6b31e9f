/**
 * The live detector as a library: audio sources (Java Sound microphone with its own line-opening code, sound
 * files at real-time pace or as fast as possible), the WebRTC VAD gate, and the {@link dev.hark.models.live.Detector}
 * façade that runs capture, gate, windows, models and events on its own threads and tells listeners.
 */
package dev.hark.models.live;
