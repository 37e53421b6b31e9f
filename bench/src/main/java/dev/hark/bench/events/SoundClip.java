package dev.hark.bench.events;

import dev.hark.core.audio.ActiveRange;
import java.nio.file.Path;

/**
 * One data-set clip cut to its sound ({@link ActiveRange}), at 16 kHz.
 *
 * @param file the clip's file
 * @param category its data-set label
 * @param target the target it is a sound of, or null for a distractor
 * @param samples the sound (never written after construction)
 */
public record SoundClip(Path file, String category, String target, float[] samples) {
    public boolean isTarget() {
        return target != null;
    }
}
