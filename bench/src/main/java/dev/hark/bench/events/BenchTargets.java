package dev.hark.bench.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default targets of the event benchmark, the data-set categories they are drawn from (ESC-50's names), the
 * household distractors placed between them, and, for output that is still per AudioSet label, which labels stand
 * for each target ({@code --match audioset}).
 */
public final class BenchTargets {
    /** Target name -> ESC-50 category; the order is the default {@code --targets}. */
    public static final Map<String, String> ESC50_CATEGORIES = ordered(
            "dog", "dog",
            "baby_cry", "crying_baby",
            "glass_break", "glass_breaking",
            "siren", "siren",
            "knock", "door_wood_knock",
            "alarm", "clock_alarm");

    public static final List<String> DEFAULT_TARGETS = List.copyOf(ESC50_CATEGORIES.keySet());

    /** ESC-50 categories of everyday household sound placed between the targets. */
    public static final List<String> DEFAULT_DISTRACTORS = List.of("footsteps", "keyboard_typing", "door_wood_creaks",
            "vacuum_cleaner", "coughing", "laughing", "sneezing", "drinking_sipping", "mouse_click", "can_opening",
            "brushing_teeth", "clock_tick", "pouring_water", "washing_machine", "toilet_flush", "breathing", "snoring",
            "clapping");

    /** Target name -> the YAMNet (AudioSet) labels whose onsets count for it under {@code --match audioset}. */
    public static final Map<String, List<String>> AUDIOSET_LABELS = Map.of(
            "dog", List.of("Dog", "Bark", "Yip", "Howl", "Bow-wow", "Growling", "Whimper (dog)"),
            "baby_cry", List.of("Baby cry, infant cry"),
            "glass_break", List.of("Glass", "Shatter"),
            "siren", List.of("Siren", "Civil defense siren", "Police car (siren)", "Ambulance (siren)",
                    "Fire engine, fire truck (siren)"),
            "knock", List.of("Knock", "Tap"),
            "alarm", List.of("Alarm", "Alarm clock", "Buzzer", "Beep, bleep"));

    private BenchTargets() {
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
