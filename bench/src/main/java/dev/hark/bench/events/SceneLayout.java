package dev.hark.bench.events;

import dev.hark.core.frontend.FrontEndParams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Which sounds a scene holds and when, independent of the SNR (every SNR of a run mixes the same layout). The scene
 * starts with {@link #LEAD_IN_SECONDS} of background alone (a listener started before anything happens: the gate's
 * noise floor settles); then targets and distractors alternate (target first), each kind taking its categories in
 * a seeded order, every category once per round; between two sounds lies a gap drawn uniformly from
 * {@link #MIN_GAP_SECONDS} to {@link #MAX_GAP_SECONDS}, so no two sounds overlap and no two scoring windows do
 * ({@link EventScorer}); the last sound ends at least {@link #TAIL_SECONDS} before the scene does.
 *
 * @param samples the scene's length in 16 kHz samples
 * @param slots the sounds in time order
 */
public record SceneLayout(int samples, List<Slot> slots) {
    public static final double LEAD_IN_SECONDS = 10.0;
    public static final double MIN_GAP_SECONDS = 3.0;
    public static final double MAX_GAP_SECONDS = 6.0;
    public static final double TAIL_SECONDS = 3.0;

    /**
     * One sound placed in the scene.
     *
     * @param index its number in the scene, from 0
     * @param sound the clip (cut to its sound)
     * @param startSample where it starts in the scene
     */
    public record Slot(int index, SoundClip sound, int startSample) {
        public int endSample() {
            return startSample + sound.samples().length;
        }

        public double startSeconds() {
            return startSample / (double) FrontEndParams.SAMPLE_RATE_HZ;
        }

        public double endSeconds() {
            return endSample() / (double) FrontEndParams.SAMPLE_RATE_HZ;
        }
    }

    public SceneLayout {
        slots = List.copyOf(slots);
    }

    public double seconds() {
        return samples / (double) FrontEndParams.SAMPLE_RATE_HZ;
    }

    public long targets() {
        return slots.stream().filter(s -> s.sound().isTarget()).count();
    }

    /**
     * Lays out a scene of {@code seconds}.
     *
     * @param targets target -> the category its sounds come from, in the order given
     * @param distractors distractor categories (may be empty: targets only)
     */
    public static SceneLayout plan(ClipPool pool, Map<String, String> targets, List<String> distractors,
            double seconds, long seed) {
        int rate = FrontEndParams.SAMPLE_RATE_HZ;
        int total = (int) Math.round(seconds * rate);
        SplittableRandom gaps = new SplittableRandom(seed);
        Random order = new Random(seed ^ 0x5DEECE66DL);
        List<String> targetRound = new ArrayList<>();
        List<String> distractorRound = new ArrayList<>();
        List<Slot> slots = new ArrayList<>();
        int t = (int) Math.round(LEAD_IN_SECONDS * rate);
        boolean targetTurn = true;
        while (true) {
            SoundClip sound;
            if (targetTurn || distractors.isEmpty()) {
                if (targetRound.isEmpty()) {
                    targetRound.addAll(targets.keySet());
                    Collections.shuffle(targetRound, order);
                }
                String target = targetRound.remove(0);
                sound = pool.next(targets.get(target), target);
            } else {
                if (distractorRound.isEmpty()) {
                    distractorRound.addAll(distractors);
                    Collections.shuffle(distractorRound, order);
                }
                sound = pool.next(distractorRound.remove(0), null);
            }
            targetTurn = !targetTurn;
            int start = slots.isEmpty() ? t
                    : t + (int) Math.round(gaps.nextDouble(MIN_GAP_SECONDS, MAX_GAP_SECONDS) * rate);
            if (start + sound.samples().length + Math.round(TAIL_SECONDS * rate) > total) {
                break;
            }
            slots.add(new Slot(slots.size(), sound, start));
            t = start + sound.samples().length;
        }
        return new SceneLayout(total, slots);
    }
}
