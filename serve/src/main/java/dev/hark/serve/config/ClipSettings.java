package dev.hark.serve.config;

import java.nio.file.Path;
import java.util.Set;

/**
 * The {@code clips:} section: each event's audio saved as WAV, and the retention policy that keeps the disk in check.
 *
 * @param enabled whether clips are saved at all
 * @param dir where clips go (default {@code ~/.hark/clips})
 * @param preRollSeconds audio kept before an event's start
 * @param maxAgeDays clips older than this are deleted (0: no age limit)
 * @param maxTotalMb the clips' total size is kept below this, oldest first (0: no size limit)
 * @param keepPerConcept the newest clips of each concept that are kept whatever their age or the total size
 * @param noSpeech no clip is kept of an event during which speech was heard (privacy)
 * @param speechThreshold the score of the classifier's {@code Speech} label that counts as speech
 */
public record ClipSettings(boolean enabled, Path dir, double preRollSeconds, double maxAgeDays, double maxTotalMb,
        int keepPerConcept, boolean noSpeech, double speechThreshold) {
    public static final Set<String> KEYS = Set.of("enabled", "dir", "pre-roll-seconds", "max-age-days",
            "max-total-mb", "keep-per-concept", "no-speech", "speech-threshold");

    public static ClipSettings from(Section s) {
        s.refuseUnknown(KEYS);
        return new ClipSettings(s.bool("enabled", true), s.path("dir", HarkHome.dir().resolve("clips")),
                s.number("pre-roll-seconds", 1.0, 0, 60), s.number("max-age-days", 30, 0, 36_500),
                s.number("max-total-mb", 1024, 0, 10_000_000), s.integer("keep-per-concept", 5, 0, 1_000_000),
                s.bool("no-speech", false), s.number("speech-threshold", 0.3, 0, 1));
    }

    public ClipSettings withNoSpeech(boolean on) {
        return new ClipSettings(enabled, dir, preRollSeconds, maxAgeDays, maxTotalMb, keepPerConcept, on,
                speechThreshold);
    }
}
