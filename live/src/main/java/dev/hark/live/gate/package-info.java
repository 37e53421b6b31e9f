/**
 * Activity gates that decide which audio is worth a model run: the adaptive energy gate, the WebRTC VAD,
 * the timeline that combines them with a hangover, and {@link dev.hark.live.gate.Gates}, which builds the
 * gate the settings ask for.
 */
package dev.hark.live.gate;
