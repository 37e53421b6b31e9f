package dev.hark.live.record;

import dev.hark.core.events.DetectionEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How {@link EventRecorder} names a clip: by the event's start on the wall clock (live audio) or in the stream. */
public enum ClipNames {
    /** {@code 20261121T120638.877Z_Dog.wav}: the UTC date-time the event started, for a microphone. */
    WALL_CLOCK,
    /**
     * {@code 000004.320s_Dog.wav}: the event's start in seconds from the start of the stream (zero-padded, so names
     * sort in time order), for a file: the same file gives the same names on every run, whatever the pace.
     */
    STREAM_TIME;

    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The file name of the clip of {@code onset}, decided at {@code now} (when the onset line came). */
    public String of(DetectionEvent onset, Instant now) {
        String when = switch (this) {
            case WALL_CLOCK -> NAME_TIME.format(now.minusMillis(Math.round((onset.timeSeconds() - onset.startSeconds())
                    * 1000)));
            case STREAM_TIME -> String.format(Locale.ROOT, "%010.3fs", onset.startSeconds());
        };
        return when + "_" + safe(onset.label()) + ".wav";
    }

    /**
     * A label as part of a file or folder name (AudioSet names hold commas, spaces, slashes): letters, digits, '.',
     * '_' and '-' kept, each run of anything else one '-', no leading '-' or '.' nor trailing '-'; never empty, never
     * "." or "..".
     */
    public static String safe(String label) {
        String s = label.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|-+$", "");
        return s.isEmpty() ? "event" : s;
    }
}
