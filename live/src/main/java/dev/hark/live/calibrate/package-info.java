/**
 * Thresholds chosen on data: the {@link dev.hark.live.calibrate.Calibrator} runs labelled clips through the
 * listener's own pipeline and picks, per concept, the lowest threshold whose false alarms on the other sounds stay
 * under a target rate.
 */
package dev.hark.live.calibrate;
