package dev.hark.config.concepts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.config.listen.ListenSettings;
import dev.hark.errors.BadInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConceptDefinitionsTest {
    @Test
    void aListenConfigAddsAConceptAndOverridesTheThresholdOfAnother() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("concepts.kettle.classes", "Boiling;=Whistle");
        m.put("concepts.kettle.threshold", "0.4");
        m.put("concepts.dog.threshold", "0.7");
        m.put("events.raw-labels", "false");
        ListenSettings s = ListenSettings.fromMap(m);
        ConceptDefinition kettle = s.events().concepts().get("kettle");
        assertEquals(List.of("Boiling", "=Whistle"), kettle.classes());
        assertEquals(0.4, kettle.threshold());
        ConceptDefinition dog = s.events().concepts().get("dog");
        assertTrue(dog.classes().isEmpty(), "an override keeps the catalogue's classes");
        ConceptDefinition catalogueDog = new ConceptDefinition("dog", List.of("Dog"), List.of(), 0.5, true, "n");
        ConceptDefinition merged = dog.over(catalogueDog);
        assertEquals(List.of("Dog"), merged.classes());
        assertEquals(0.7, merged.threshold());
        assertEquals("n", merged.note());
        assertEquals(null, merged.onset(), "neither gives an onset rule: the general one applies");
        ConceptDefinition sustained = new ConceptDefinition("dog", List.of(), List.of(), null, null, "",
                new dev.hark.config.OnsetRule(2, 3));
        assertEquals(new dev.hark.config.OnsetRule(2, 3), sustained.over(catalogueDog).onset());
        assertEquals(new dev.hark.config.OnsetRule(2, 3), dog.over(sustained).onset(), "the base's rule is kept");
        assertEquals(new dev.hark.config.OnsetRule(2, 3), sustained.withThreshold(0.2).onset());
        assertEquals(s, ListenSettings.fromMap(s.toMap()), "round trip through the file form");
    }

    @Test
    void badConceptKeysAndValuesNameTheKey() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> ListenSettings.fromMap(Map.of("concepts.dog.treshold", "0.5")));
        assertTrue(e.getMessage().contains("concepts.dog.treshold"), e.getMessage());
        e = assertThrows(BadInputException.class,
                () -> ListenSettings.fromMap(Map.of("concepts.dog.threshold", "1.5")));
        assertTrue(e.getMessage().contains("concepts.dog.threshold"), e.getMessage());
        e = assertThrows(BadInputException.class,
                () -> ListenSettings.fromMap(Map.of("concepts.Big Dog.classes", "Dog")));
        assertTrue(e.getMessage().contains("Big Dog"), e.getMessage());
        assertFalse(ListenSettings.defaults().events().rawLabels());
    }
}
