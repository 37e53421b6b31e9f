package dev.hark.core.concepts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConceptScorerTest {
    private static final List<String> LABELS = List.of("Animal", "Dog", "Bark", "Cat", "Meow", "Silence");
    private final ConceptScorer scorer = new ConceptScorer(LABELS, List.of(
            new Concept("dog", new int[] {1, 2}, 0.4, false),
            new Concept("cat", new int[] {3, 4}, 0.5, false),
            new Concept("loud", new int[0], 0.25, true)));

    @Test
    void aConceptScoresTheMaximumOfItsClassesAndIgnoresTheirAncestors() {
        float[] row = {0.9f, 0.3f, 0.7f, 0.1f, 0.2f, 0.0f};
        assertArrayEquals(new float[] {0.7f, 0.2f, 0.6f}, scorer.score(row, 0.6f));
    }

    @Test
    void aWindowSkippedByTheGateHasNoConceptScores() {
        assertNull(scorer.score(null, 1f));
    }

    @Test
    void theSourcesAreTheClassesAtOrAboveTheThresholdOrElseTheBestOne() {
        float[] row = {0.9f, 0.45f, 0.7f, 0.1f, 0.2f, 0.0f};
        assertEquals(Map.of("Dog", 0.45f, "Bark", 0.7f), scorer.sources(0, row));
        assertEquals(Map.of("Meow", 0.2f), scorer.sources(1, row));
    }
}
