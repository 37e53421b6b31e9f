package dev.hark.models.concepts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.config.concepts.ConceptDefinition;
import dev.hark.models.embed.ClassMap;
import dev.hark.testkit.TestData;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConceptCatalogTest {
    private static List<String> yamnetLabels() throws Exception {
        return ClassMap.displayNames(Files.readAllBytes(TestData.yamnetDir().resolve("yamnet_class_map.csv")), "map");
    }

    @Test
    void theCatalogueHasTheConceptsTheIssueAsksForAndEachHearsAtLeastOneYamnetLabel() throws Exception {
        Map<String, ConceptDefinition> c = ConceptCatalog.concepts();
        assertTrue(c.size() >= 25, c.size() + " concepts");
        for (String name : List.of("speech", "shout", "baby_cry", "laughter", "cough", "sneeze", "dog", "cat", "bird",
                "glass_break", "siren", "smoke_alarm", "alarm", "doorbell", "knock", "door", "footsteps", "typing",
                "water", "vacuum_cleaner", "music", "vehicle", "gunshot", "applause", "telephone", "loud")) {
            assertTrue(c.containsKey(name), name);
        }
        List<String> labels = yamnetLabels();
        Ontology o = Ontology.audioSet();
        for (ConceptDefinition d : c.values()) {
            assertEquals(List.of(), ConceptClasses.unknown(d, labels, o), d.name());
            if (!d.isLevel()) {
                assertFalse(ConceptClasses.of(d, labels, o).isEmpty(), d.name());
                assertTrue(d.threshold() != null && d.threshold() > 0.0, d.name() + " has a threshold");
            }
        }
        assertFalse(c.get("loud").tracksByDefault(), "loud is asked for, not default");
    }

    @Test
    void aClassBringsItsDescendantsButNeverItsAncestorsOrBackground() throws Exception {
        List<String> labels = yamnetLabels();
        List<String> dog = ConceptClasses.of(ConceptCatalog.concepts().get("dog"), labels, Ontology.audioSet());
        assertTrue(dog.containsAll(List.of("Dog", "Bark", "Yip", "Howl", "Bow-wow")), dog.toString());
        assertFalse(dog.contains("Animal") || dog.contains("Domestic animals, pets"), dog.toString());
        Set<String> inSomeConcept = new HashSet<>();
        for (ConceptDefinition d : ConceptCatalog.concepts().values()) {
            inSomeConcept.addAll(ConceptClasses.of(d, labels, Ontology.audioSet()));
        }
        for (String groupingOrBackground : List.of("Animal", "Domestic animals, pets", "Silence", "Inside, small room",
                "White noise", "Human sounds")) {
            assertFalse(inSomeConcept.contains(groupingOrBackground), groupingOrBackground);
        }
    }

    @Test
    void excludedClassesGoWithTheirDescendantsAndEqualsTakesAClassAlone() throws Exception {
        List<String> labels = yamnetLabels();
        Ontology o = Ontology.audioSet();
        List<String> vehicle = ConceptClasses.of(ConceptCatalog.concepts().get("vehicle"), labels, o);
        assertTrue(vehicle.contains("Car") && !vehicle.contains("Police car (siren)"), vehicle.toString());
        ConceptDefinition alone = new ConceptDefinition("x", List.of("=Dog"), List.of(), 0.5, true, "");
        assertEquals(List.of("Dog"), ConceptClasses.of(alone, labels, o));
        assertTrue(o.isAbstract("Human sounds"));
        assertTrue(o.parents("Bark").contains("Dog"));
    }
}
