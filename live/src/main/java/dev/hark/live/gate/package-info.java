/**
 * Activity gates that decide which audio is worth a model run: the adaptive energy gate, the WebRTC VAD,
 * and the timeline that combines them with a hangover.
 */
package dev.hark.live.gate;
