package dev.hark.live;

import java.util.Map;

/**
 * Running totals of a {@link Detector}.
 *
 * @param audioSeconds audio processed (16 kHz)
 * @param droppedSeconds audio dropped because processing fell behind (or lost while reconnecting is not counted)
 * @param windowsRun windows that went through the models
 * @param windowsSkipped windows skipped because the gate was closed for all of them
 * @param gateOpenFraction share of the audio during which the gate was open (1 without a gate)
 * @param eventsPerLabel onsets per label, in order of first occurrence
 * @param processingCpuSeconds CPU time of the processing thread (models, front end, gate, events)
 * @param captureCpuSeconds CPU time of the capture thread (0 when the source is read on the processing thread)
 * @param wallSeconds wall-clock time since start
 * @param reconnects times the device was opened again after it was lost
 */
public record DetectorStats(double audioSeconds, double droppedSeconds, long windowsRun, long windowsSkipped,
        double gateOpenFraction, Map<String, Integer> eventsPerLabel, double processingCpuSeconds,
        double captureCpuSeconds, double wallSeconds, int reconnects) {
    public DetectorStats {
        eventsPerLabel = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(eventsPerLabel));
    }

    public int events() {
        return eventsPerLabel.values().stream().mapToInt(Integer::intValue).sum();
    }
}
