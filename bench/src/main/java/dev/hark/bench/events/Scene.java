package dev.hark.bench.events;

import java.util.List;

/**
 * A layout mixed at one SNR over a background.
 *
 * @param samples the scene at 16 kHz (never written after construction)
 * @param snrDb the SNR every sound was mixed at ({@link SceneMixer})
 * @param sounds the sounds, in time order, with their gains
 * @param scaleDb what the whole scene was scaled by to keep its peak within full scale (0: nothing)
 */
public record Scene(float[] samples, double snrDb, List<Placed> sounds, double scaleDb) {
    /**
     * One sound of the scene.
     *
     * @param slot where and what
     * @param gainDb the gain applied to the clip's sound
     * @param backgroundDbfs the background's RMS level over the sound's span
     */
    public record Placed(SceneLayout.Slot slot, double gainDb, double backgroundDbfs) {
        public boolean isTarget() {
            return slot.sound().isTarget();
        }

        public String target() {
            return slot.sound().target();
        }

        public double startSeconds() {
            return slot.startSeconds();
        }

        public double endSeconds() {
            return slot.endSeconds();
        }
    }

    public Scene {
        sounds = List.copyOf(sounds);
    }

    public double seconds() {
        return samples.length / (double) dev.hark.core.frontend.FrontEndParams.SAMPLE_RATE_HZ;
    }
}
