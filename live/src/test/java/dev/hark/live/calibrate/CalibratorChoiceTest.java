package dev.hark.live.calibrate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.config.OnsetRule;
import org.junit.jupiter.api.Test;

/** Which onset rule calibrate keeps for a concept when it tries several. */
class CalibratorChoiceTest {
    private static ConceptCalibration at(double recall, int falseAlarms, boolean met, OnsetRule rule) {
        return new ConceptCalibration("siren", 0.3, recall, falseAlarms, falseAlarms * 4.0, 8, 900, met, rule);
    }

    @Test
    void meetingTheTargetThenRecallThenFewerFalseAlarmsThenTheRuleListedFirst() {
        OnsetRule one = new OnsetRule(1, 1);
        OnsetRule two = new OnsetRule(2, 2);
        assertTrue(Calibrator.better(at(0.5, 2, true, two), at(1.0, 9, false, one)), "only the first meets the target");
        assertTrue(Calibrator.better(at(1.0, 2, true, two), at(0.875, 0, true, one)), "more recall within the target");
        assertTrue(Calibrator.better(at(1.0, 0, true, two), at(1.0, 2, true, one)), "the same recall, fewer false alarms");
        assertFalse(Calibrator.better(at(1.0, 2, true, two), at(1.0, 2, true, one)), "a tie keeps the rule listed first");
        assertTrue(Calibrator.better(at(0.0, 3, false, two), at(1.0, 5, false, one)), "neither meets it: fewer false alarms");
    }
}
