package dev.hark.bench.events;

import dev.hark.core.events.DetectionEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a detector's onsets against the sounds of a scene. The rule:
 * <ul>
 *   <li>Only onsets count (offsets are ignored); an onset is at its decision time ({@link
 *       DetectionEvent#timeSeconds()}: when the line was printed, in stream time).</li>
 *   <li>An onset whose label stands for target {@code T} ({@link LabelMatcher}) matches a sound of {@code T} when it
 *       lies from {@link #BEFORE_SECONDS} before the sound starts to {@link #AFTER_SECONDS} after it ends (both
 *       ends included): the first such onset finds the sound (a true positive; its latency is the onset's time
 *       minus the sound's start); later ones inside the window are extra lines, counted in "lines per sound", and
 *       are not false alarms.</li>
 *   <li>Any other onset of a target label is a false alarm of that target (during a distractor, another target's
 *       sound, or the background).</li>
 *   <li>Onsets of labels that stand for no target are ignored by the target figures and counted only among all
 *       onset lines.</li>
 * </ul>
 * Recall = sounds found / sounds; precision = sounds found / (sounds found + false alarms); F1 their harmonic mean;
 * lines per sound = matching onsets inside the windows of the target's sounds / its sounds.
 */
public final class EventScorer {
    public static final double BEFORE_SECONDS = 0.5;
    public static final double AFTER_SECONDS = 1.5;

    /** What an onset was counted as. */
    public enum Verdict {
        /** the first onset of the right target in a sound's window */
        FOUND,
        /** a later onset of the right target in the window of a sound already found */
        EXTRA,
        /** an onset of a target label outside every window of that target's sounds */
        FALSE_ALARM,
        /** an onset of a label that stands for no target */
        OTHER
    }

    /**
     * One onset and how it was counted.
     *
     * @param target the target its label stands for, or null
     * @param sound the index of the sound it matched ({@link SceneLayout.Slot#index()}), or -1
     */
    public record ScoredOnset(DetectionEvent event, String target, Verdict verdict, int sound) {
    }

    private EventScorer() {
    }

    /**
     * @param targets the target names, in report order
     * @param sounds the scene's sounds (targets and distractors)
     * @param events the detector's events in any order (offsets are ignored)
     * @param seconds the scene's length (for false alarms per hour)
     */
    public static EventScore score(List<String> targets, List<Scene.Placed> sounds, List<DetectionEvent> events,
            LabelMatcher matcher, double seconds) {
        List<DetectionEvent> onsets = new ArrayList<>(events.stream()
                .filter(e -> e.type() == DetectionEvent.Type.ONSET).toList());
        onsets.sort(Comparator.comparingDouble(DetectionEvent::timeSeconds));
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (String t : targets) {
            tallies.put(t, new Tally());
        }
        for (Scene.Placed s : sounds) {
            if (s.isTarget() && tallies.containsKey(s.target())) {
                tallies.get(s.target()).sounds++;
            }
        }
        boolean[] found = new boolean[sounds.size()];
        List<ScoredOnset> scored = new ArrayList<>();
        for (DetectionEvent e : onsets) {
            String target = matcher.target(e.label());
            Tally tally = target == null ? null : tallies.get(target);
            if (tally == null) {
                scored.add(new ScoredOnset(e, null, Verdict.OTHER, -1));
                continue;
            }
            int hit = -1;
            for (int i = 0; i < sounds.size(); i++) {
                Scene.Placed s = sounds.get(i);
                if (target.equals(s.target()) && e.timeSeconds() >= s.startSeconds() - BEFORE_SECONDS
                        && e.timeSeconds() <= s.endSeconds() + AFTER_SECONDS) {
                    // the earliest window not found yet, else the first window at all
                    if (!found[i]) {
                        hit = i;
                        break;
                    }
                    if (hit < 0) {
                        hit = i;
                    }
                }
            }
            if (hit < 0) {
                tally.falseAlarms++;
                scored.add(new ScoredOnset(e, target, Verdict.FALSE_ALARM, -1));
            } else if (!found[hit]) {
                found[hit] = true;
                tally.found++;
                tally.lines++;
                tally.latencies.add(e.timeSeconds() - sounds.get(hit).startSeconds());
                scored.add(new ScoredOnset(e, target, Verdict.FOUND, sounds.get(hit).slot().index()));
            } else {
                tally.lines++;
                scored.add(new ScoredOnset(e, target, Verdict.EXTRA, sounds.get(hit).slot().index()));
            }
        }
        List<TargetScore> perTarget = new ArrayList<>();
        Tally all = new Tally();
        tallies.forEach((t, x) -> {
            perTarget.add(x.score(t, seconds));
            all.add(x);
        });
        return new EventScore(perTarget, all.score("overall", seconds), scored, onsets.size(), sounds.size());
    }

    private static final class Tally {
        int sounds;
        int found;
        int lines;
        int falseAlarms;
        final List<Double> latencies = new ArrayList<>();

        void add(Tally o) {
            sounds += o.sounds;
            found += o.found;
            lines += o.lines;
            falseAlarms += o.falseAlarms;
            latencies.addAll(o.latencies);
        }

        TargetScore score(String name, double seconds) {
            return new TargetScore(name, sounds, found, falseAlarms, lines, latencies.stream()
                    .mapToDouble(Double::doubleValue).sorted().toArray(), seconds);
        }
    }
}
