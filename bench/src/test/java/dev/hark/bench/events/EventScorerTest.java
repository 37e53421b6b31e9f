package dev.hark.bench.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.events.DetectionEvent;
import dev.hark.errors.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scoring rule on constructed sounds and events, one rule (and its edges) per test. */
class EventScorerTest {
    private static final int RATE = 16_000;
    private static final Map<String, String> CATEGORIES = Map.of("dog", "dog", "baby_cry", "crying_baby");
    private static final LabelMatcher CONCEPTS = new LabelMatcher(CATEGORIES, Map.of());

    /** A sound of {@code target} (null: a distractor) from {@code start} to {@code end} seconds. */
    private static Scene.Placed sound(int index, String target, double start, double end) {
        SoundClip c = new SoundClip(Path.of("clip" + index + ".wav"), target == null ? "footsteps"
                : CATEGORIES.get(target), target, new float[(int) Math.round((end - start) * RATE)]);
        return new Scene.Placed(new SceneLayout.Slot(index, c, (int) Math.round(start * RATE)), 0, -50);
    }

    private static DetectionEvent onset(String label, double time) {
        return new DetectionEvent(DetectionEvent.Type.ONSET, label, 0.9, time, time - 0.975, time);
    }

    private static DetectionEvent offset(String label, double time) {
        return new DetectionEvent(DetectionEvent.Type.OFFSET, label, 0.9, time, time - 2, time - 0.5);
    }

    private static EventScore score(List<Scene.Placed> sounds, DetectionEvent... events) {
        return EventScorer.score(List.of("dog", "baby_cry"), sounds, List.of(events), CONCEPTS, 3600);
    }

    private static TargetScore dog(EventScore s) {
        return s.perTarget().get(0);
    }

    @Test
    void theWindowRunsFromHalfASecondBeforeTheSoundToOneAndAHalfAfterItEndsBothEndsIncluded() {
        List<Scene.Placed> sounds = List.of(sound(0, "dog", 10, 12), sound(1, "dog", 30, 31), sound(2, "dog", 50, 52),
                sound(3, "dog", 70, 71));
        EventScore s = score(sounds, onset("dog", 9.5), onset("dog", 32.5), onset("dog", 49.49), onset("dog", 72.51));
        assertEquals(List.of(EventScorer.Verdict.FOUND, EventScorer.Verdict.FOUND, EventScorer.Verdict.FALSE_ALARM,
                EventScorer.Verdict.FALSE_ALARM), s.onsets().stream().map(EventScorer.ScoredOnset::verdict).toList());
        assertEquals(2, dog(s).found());
        assertEquals(2, dog(s).falseAlarms());
        assertEquals(0.5, dog(s).recall(), 1e-12);
        assertEquals(0.5, dog(s).precision(), 1e-12);
        // false alarms per hour of scene: 2 in a 1-hour scene
        assertEquals(2.0, dog(s).falseAlarmsPerHour(), 1e-12);
    }

    @Test
    void laterOnsetsInsideAFoundSoundsWindowAreExtraLinesNotFalseAlarms() {
        EventScore s = score(List.of(sound(0, "dog", 10, 13)), onset("dog", 10.4), onset("dog", 12.0),
                onset("dog", 14.4));
        assertEquals(1, dog(s).found());
        assertEquals(0, dog(s).falseAlarms());
        assertEquals(3, dog(s).lines());
        assertEquals(3.0, dog(s).linesPerSound(), 1e-12);
        assertEquals(1.0, dog(s).precision(), 1e-12);
        assertEquals(EventScorer.Verdict.EXTRA, s.onsets().get(2).verdict());
    }

    @Test
    void aSoundIsFoundAtMostOnceAndEachSoundByItsOwnOnset() {
        // two dogs; two onsets in the first one's window, one in the second's
        EventScore s = score(List.of(sound(0, "dog", 10, 11), sound(1, "dog", 20, 21)), onset("dog", 10.5),
                onset("dog", 11.2), onset("dog", 20.3));
        assertEquals(2, dog(s).found());
        assertEquals(List.of(0, 0, 1), s.onsets().stream().map(EventScorer.ScoredOnset::sound).toList());
        assertEquals(1.5, dog(s).linesPerSound(), 1e-12);
    }

    @Test
    void anOnsetOfTheWrongTargetOrDuringADistractorIsAFalseAlarmOfItsTarget() {
        List<Scene.Placed> sounds = List.of(sound(0, "dog", 10, 12), sound(1, null, 20, 23),
                sound(2, "baby_cry", 30, 33));
        EventScore s = score(sounds, onset("baby_cry", 10.6), onset("dog", 21.0), onset("dog", 31.0),
                onset("crying_baby", 31.5));
        assertEquals(0, dog(s).found());
        assertEquals(2, dog(s).falseAlarms());
        TargetScore cry = s.perTarget().get(1);
        assertEquals(1, cry.falseAlarms(), "the baby_cry onset during the dog");
        assertEquals(1, cry.found(), "an onset named by the category counts for its target");
        assertEquals(3, s.overall().falseAlarms());
        assertEquals(1, s.overall().found());
        assertEquals(2, s.overall().sounds(), "the two targets' sounds, not the distractor");
    }

    @Test
    void labelsThatStandForNoTargetAndOffsetsAreLeftOutOfTheTargetFigures() {
        EventScore s = score(List.of(sound(0, "dog", 10, 12), sound(1, null, 20, 22)), onset("Animal", 10.5),
                offset("dog", 13.0), onset("footsteps", 20.5), onset("dog", 11.0));
        assertEquals(1, dog(s).found());
        assertEquals(0, s.overall().falseAlarms());
        assertEquals(3, s.allOnsets(), "every onset line, whatever its label; offsets are not onset lines");
        assertEquals(1.5, s.allOnsetsPerSound(), 1e-12);
        assertEquals(EventScorer.Verdict.OTHER, s.onsets().get(0).verdict());
    }

    @Test
    void latencyIsTheOnsetTimeMinusTheSoundStartOfTheFirstMatchingOnset() {
        EventScore s = score(List.of(sound(0, "dog", 10, 12), sound(1, "dog", 20, 22), sound(2, "dog", 30, 32)),
                onset("dog", 9.8), onset("dog", 10.9), onset("dog", 20.4), onset("dog", 31.25));
        assertEquals(-0.2, dog(s).latencies()[0], 1e-9);
        assertEquals(0.4, dog(s).medianLatency(), 1e-9);
        assertEquals(1.25, dog(s).maxLatency(), 1e-9);
    }

    @Test
    void eventsInAnyOrderScoreAsInTimeOrder() {
        List<Scene.Placed> sounds = List.of(sound(0, "dog", 10, 12));
        EventScore ordered = score(sounds, onset("dog", 10.5), onset("dog", 11.5));
        EventScore reversed = score(sounds, onset("dog", 11.5), onset("dog", 10.5));
        assertEquals(0.5, dog(ordered).latencies()[0], 1e-12);
        assertEquals(0.5, dog(reversed).latencies()[0], 1e-12);
    }

    @Test
    void nothingDetectedIsRecallZeroPrecisionUndefinedF1Zero() {
        EventScore s = score(List.of(sound(0, "dog", 10, 12)));
        assertEquals(0.0, dog(s).recall());
        assertTrue(Double.isNaN(dog(s).precision()));
        assertEquals(0.0, dog(s).f1());
        assertTrue(Double.isNaN(dog(s).medianLatency()));
        // a target without sounds: recall undefined, its false alarms still count
        EventScore t = score(List.of(sound(0, "dog", 10, 12)), onset("baby_cry", 40));
        assertTrue(Double.isNaN(t.perTarget().get(1).recall()));
        assertEquals(1, t.perTarget().get(1).falseAlarms());
    }

    @Test
    void f1IsTheHarmonicMeanOfRecallAndPrecision() {
        List<Scene.Placed> sounds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sounds.add(sound(i, "dog", 10 + 10 * i, 11 + 10 * i));
        }
        // 3 of 4 found, 1 false alarm: recall 0.75, precision 0.75
        EventScore s = score(sounds, onset("dog", 10.5), onset("dog", 20.5), onset("dog", 30.5), onset("dog", 55));
        assertEquals(0.75, dog(s).f1(), 1e-12);
        // 1 of 4, no false alarm: 2 * 0.25 * 1 / 1.25
        EventScore t = score(sounds, onset("dog", 10.5));
        assertEquals(0.4, dog(t).f1(), 1e-12);
    }

    @Test
    void audioSetLabelsStandForATargetOnlyWhenAskedAndNeverForTwo() {
        LabelMatcher audioset = new LabelMatcher(CATEGORIES, Map.of("dog", BenchTargets.AUDIOSET_LABELS.get("dog")));
        assertEquals("dog", audioset.target("Bark"));
        assertEquals(null, CONCEPTS.target("Bark"));
        assertEquals("baby_cry", CONCEPTS.target("crying_baby"));
        EventScore s = EventScorer.score(List.of("dog"), List.of(sound(0, "dog", 10, 12)),
                List.of(onset("Dog", 10.5), onset("Bark", 10.6), onset("Bow-wow", 40)), audioset, 3600);
        assertEquals(1, s.overall().found());
        assertEquals(1, s.overall().falseAlarms());
        assertEquals(2, s.overall().lines());
        BadInputException e = assertThrows(BadInputException.class,
                () -> new LabelMatcher(CATEGORIES, Map.of("baby_cry", List.of("dog"))));
        assertTrue(e.getMessage().contains("two targets"), e.getMessage());
    }
}
