package dev.hark.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.config.OnsetRule;
import dev.hark.config.concepts.ConceptDefinition;
import dev.hark.config.listen.EventSettings;
import dev.hark.core.concepts.ConceptScorer;
import dev.hark.errors.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which names a pipeline tracks: concepts over AudioSet labels, a trained head's labels, raw labels. */
class TrackedConceptsTest {
    @Test
    void aTrainedHeadsUnknownLabelNeverRaisesAnEvent() {
        ConceptScorer s = TrackedConcepts.resolve(List.of("dog", "unknown", "siren"), EventSettings.defaults(), true);
        assertEquals(List.of("dog", "siren"), s.names());
        BadInputException e = assertThrows(BadInputException.class, () -> TrackedConcepts.resolve(
                List.of("dog", "unknown"), EventSettings.builder().labels("unknown").build(), true));
        assertTrue(e.getMessage().contains("unknown label 'unknown'"), e.getMessage());
    }

    @Test
    void onsetRulesResolvePerNameOverTheConceptsOwnOverTheGeneralOne() {
        List<String> labels = List.of("Dog", "Siren", "Alarm clock");
        OnsetRule twoOfThree = new OnsetRule(2, 3);
        EventSettings ev = EventSettings.builder().labels("dog", "siren", "alarm").onsetWindows(1)
                .labelOnset("siren", new OnsetRule(2, 2))
                .concept(new ConceptDefinition("alarm", List.of(), List.of(), null, null, "", twoOfThree)).build();
        ConceptScorer s = TrackedConcepts.resolve(labels, ev, false);
        assertEquals(List.of("dog", "siren", "alarm"), s.names());
        assertEquals(List.of(new OnsetRule(1, 1), new OnsetRule(2, 2), twoOfThree), java.util.Arrays.asList(s.onsets()),
                "dog: none of its own, so the general rule; siren: the user's; alarm: the concept's");
        BadInputException e = assertThrows(BadInputException.class, () -> TrackedConcepts.resolve(labels,
                EventSettings.builder().labelOnset("sirne", twoOfThree).build(), false));
        assertTrue(e.getMessage().startsWith("onset rule for unknown concept 'sirne'"), e.getMessage());
        // a trained head's labels take rules by label name
        ConceptScorer head = TrackedConcepts.resolve(List.of("dog", "unknown", "siren"),
                EventSettings.builder().labelOnset("siren", twoOfThree).build(), true);
        assertEquals(List.of(new OnsetRule(1, 1), twoOfThree), java.util.Arrays.asList(head.onsets()));
    }

    @Test
    void usersChooseAddAndThresholdConcepts() {
        List<String> labels = List.of("Animal", "Dog", "Bark", "Boiling", "Whistle", "Silence");
        EventSettings ev = EventSettings.builder().labels("dog", "kettle").labelThreshold("dog", 0.7)
                .concept(new ConceptDefinition("kettle", List.of("Boiling", "=Whistle"), List.of(), 0.4, true, ""))
                .build();
        ConceptScorer s = TrackedConcepts.resolve(labels, ev, false);
        assertEquals(List.of("dog", "kettle"), s.names());
        assertEquals(0.7, s.thresholds()[0]);
        assertEquals(0.4, s.thresholds()[1]);
        float[] row = {0.9f, 0.2f, 0.6f, 0.1f, 0.5f, 1.0f};
        float[] c = s.score(row, 0f);
        assertEquals(0.6f, c[0], "dog: its best class (Bark), never its ancestor Animal");
        assertEquals(0.5f, c[1]);
        ConceptScorer raw = TrackedConcepts.resolve(labels, EventSettings.builder().rawLabels(true).build(), false);
        assertEquals(labels, raw.names());
        BadInputException e = assertThrows(BadInputException.class, () -> TrackedConcepts.resolve(labels,
                EventSettings.builder().labels("Bark").build(), false));
        assertTrue(e.getMessage().contains("hark labels") && e.getMessage().contains("--raw-labels"), e.getMessage());
    }
}
