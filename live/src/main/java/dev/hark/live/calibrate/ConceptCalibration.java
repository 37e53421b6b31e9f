package dev.hark.live.calibrate;

import dev.hark.config.OnsetRule;

/**
 * The threshold chosen for one concept and what it gives on the calibration data.
 *
 * @param concept the concept (the name of its folder)
 * @param threshold the threshold chosen
 * @param recall share of the concept's clips with at least one onset of it at that threshold
 * @param falseAlarms onsets of the concept on the other clips (background and other concepts) at that threshold
 * @param falseAlarmsPerHour {@code falseAlarms} per hour of the other clips
 * @param targets clips of the concept
 * @param othersSeconds seconds of other clips
 * @param met whether the target rate was met (false: even the highest threshold tried gives more false alarms)
 * @param onset the onset rule these figures were replayed with (the one chosen, when several were tried)
 */
public record ConceptCalibration(String concept, double threshold, double recall, int falseAlarms,
        double falseAlarmsPerHour, int targets, double othersSeconds, boolean met, OnsetRule onset) {
}
