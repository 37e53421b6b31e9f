package dev.hark.models.concepts;

import dev.hark.config.concepts.ConceptDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A concept's classes among a classifier's labels: each listed class with its descendants in the ontology (or
 * alone when written {@code =Class}), minus the excluded classes and their descendants. Names not in the
 * ontology (a trained head's labels) stand for themselves. Matching is by exact label name.
 */
public final class ConceptClasses {
    private ConceptClasses() {
    }

    /** The labels (in the classifier's order) that make {@code c}; empty when none of its classes is a label. */
    public static List<String> of(ConceptDefinition c, List<String> labels, Ontology ontology) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String cls : c.classes()) {
            if (cls.startsWith("=")) {
                wanted.add(cls.substring(1).strip());
            } else {
                wanted.addAll(ontology.withDescendants(cls));
            }
        }
        for (String ex : c.exclude()) {
            wanted.removeAll(ontology.withDescendants(ex));
        }
        List<String> out = new ArrayList<>();
        for (String l : labels) {
            if (wanted.contains(l)) {
                out.add(l);
            }
        }
        return out;
    }

    /** The classes {@code c} names that are neither labels nor AudioSet classes (typing mistakes). */
    public static List<String> unknown(ConceptDefinition c, List<String> labels, Ontology ontology) {
        List<String> out = new ArrayList<>();
        List<String> all = new ArrayList<>(c.classes());
        all.addAll(c.exclude());
        for (String cls : all) {
            String n = cls.startsWith("=") ? cls.substring(1).strip() : cls;
            if (!n.equals(ConceptDefinition.LEVEL_CLASS) && !labels.contains(n) && !ontology.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
