/**
 * Events from window scores: the per-label onset/offset state machine with thresholds, hysteresis and
 * minimum durations, and the {@link dev.hark.core.events.DetectionEvent} record it emits.
 */
package dev.hark.core.events;
