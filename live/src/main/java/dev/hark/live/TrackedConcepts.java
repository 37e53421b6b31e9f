package dev.hark.live;

import dev.hark.config.OnsetRule;
import dev.hark.config.concepts.ConceptDefinition;
import dev.hark.config.listen.EventSettings;
import dev.hark.core.concepts.Concept;
import dev.hark.core.concepts.ConceptScorer;
import dev.hark.errors.BadInputException;
import dev.hark.models.concepts.ConceptCatalog;
import dev.hark.models.concepts.ConceptClasses;
import dev.hark.models.concepts.Ontology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a pipeline tracks, as concepts over the classifier's labels:
 * <ul>
 * <li>the model's own AudioSet labels: the catalogue's concepts with the user's added or overriding ones on
 * top ({@code concepts.NAME.*}); those marked default unless the user names some ({@code events.labels});</li>
 * <li>a trained head: one concept per label (its label {@code unknown}, the head's "none of these", never
 * raises an event), plus the user's concepts over its labels;</li>
 * <li>raw labels ({@code events.raw-labels}): one per label, as before concepts.</li>
 * </ul>
 * A name's threshold: {@code events.thresholds.NAME}, else the concept's own, else {@code events.threshold}.
 */
public final class TrackedConcepts {
    /** A trained head's label for "none of its classes". */
    public static final String UNKNOWN = "unknown";

    /** A trackable name: its labels (already resolved), its own threshold (or null), default or not. */
    private record Entry(String name, List<String> classes, Double threshold, boolean byDefault, boolean level,
            String note, OnsetRule onset) {
    }

    /**
     * A concept as it would be tracked.
     *
     * @param name its name
     * @param classes the classifier's labels that make it (empty for a level concept)
     * @param threshold the threshold that applies with the given settings
     * @param byDefault whether it is tracked when no names are given
     * @param note where its threshold comes from
     */
    public record Info(String name, List<String> classes, double threshold, boolean byDefault, String note) {
    }

    /**
     * Every concept that {@code s} makes available over {@code labels} (those with no class among them left out),
     * for listings ({@code hark labels}).
     */
    public static List<Info> available(List<String> labels, EventSettings s, boolean ownLabels) {
        List<Info> out = new ArrayList<>();
        for (Entry e : entries(labels, s, ownLabels).values()) {
            if (e.level() || !e.classes().isEmpty()) {
                out.add(new Info(e.name(), e.classes(), s.thresholdFor(e.name(), e.threshold()), e.byDefault(),
                        e.note()));
            }
        }
        return out;
    }

    private TrackedConcepts() {
    }

    /**
     * @param labels the classifier's labels
     * @param ownLabels whether the labels are a trained head's (not AudioSet classes)
     */
    static ConceptScorer resolve(List<String> labels, EventSettings s, boolean ownLabels) {
        Map<String, Entry> all = entries(labels, s, ownLabels);
        boolean perLabel = ownLabels || s.rawLabels();
        List<Entry> chosen = new ArrayList<>();
        if (s.labels().isEmpty()) {
            all.values().stream().filter(e -> e.byDefault() && (e.level() || !e.classes().isEmpty()))
                    .forEach(chosen::add);
        } else {
            for (String n : perLabel ? LabelSelection.resolve(s.labels(), List.copyOf(all.keySet()))
                    : selectConcepts(s.labels(), all)) {
                Entry e = all.get(n);
                if (!e.level() && e.classes().isEmpty()) {
                    throw new BadInputException("concept " + n + ": none of its classes is a label of this "
                            + "classifier (see 'hark labels')");
                }
                chosen.add(e);
            }
        }
        for (String t : s.labelThresholds().keySet()) {
            if (!all.containsKey(t)) {
                throw new BadInputException("threshold for unknown " + (perLabel ? "label" : "concept") + " '" + t
                        + "'" + LabelSelection.suggestion(t, List.copyOf(all.keySet())));
            }
        }
        for (String t : s.labelOnsets().keySet()) {
            if (!all.containsKey(t)) {
                throw new BadInputException("onset rule for unknown " + (perLabel ? "label" : "concept") + " '" + t
                        + "'" + LabelSelection.suggestion(t, List.copyOf(all.keySet())));
            }
        }
        List<Concept> concepts = new ArrayList<>();
        for (Entry e : chosen) {
            concepts.add(new Concept(e.name(), e.classes().stream().mapToInt(labels::indexOf).toArray(),
                    s.thresholdFor(e.name(), e.threshold()), e.level(), s.onsetFor(e.name(), e.onset())));
        }
        return new ConceptScorer(labels, concepts);
    }

    private static List<String> selectConcepts(List<String> typed, Map<String, Entry> all) {
        List<String> out = new ArrayList<>();
        for (String t : typed) {
            String n = all.keySet().stream().filter(k -> k.equalsIgnoreCase(t.strip())).findFirst()
                    .orElseThrow(() -> new BadInputException("unknown concept '" + t + "'"
                            + LabelSelection.suggestion(t, List.copyOf(all.keySet()))
                            + "; AudioSet labels need --raw-labels"));
            if (!out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** Every name that can be tracked. */
    private static Map<String, Entry> entries(List<String> labels, EventSettings s, boolean own) {
        Map<String, Entry> out = new LinkedHashMap<>();
        if (own || s.rawLabels()) {
            for (String l : labels) {
                if (!(own && l.equals(UNKNOWN))) {
                    out.put(l, new Entry(l, List.of(l), null, true, false, "", null));
                }
            }
            if (s.rawLabels()) {
                return out;
            }
        }
        Map<String, ConceptDefinition> defs = new LinkedHashMap<>(own ? Map.of() : ConceptCatalog.concepts());
        for (ConceptDefinition user : s.concepts().values()) {
            ConceptDefinition base = defs.get(user.name());
            if (base == null && user.classes().isEmpty()) {
                throw new BadInputException("concept " + user.name() + ": not in the catalogue, so it needs "
                        + "concepts." + user.name() + ".classes (see 'hark labels --concepts')");
            }
            defs.put(user.name(), user.over(base));
        }
        Ontology ontology = own ? null : Ontology.audioSet();
        for (ConceptDefinition d : defs.values()) {
            List<String> classes;
            if (d.isLevel()) {
                classes = List.of();
            } else if (own) {
                classes = d.classes().stream().map(c -> c.startsWith("=") ? c.substring(1) : c).toList();
                for (String c : classes) {
                    if (!labels.contains(c) || c.equals(UNKNOWN)) {
                        throw new BadInputException("concept " + d.name() + ": '" + c + "' is not a label of the "
                                + "classifier (see 'hark labels --classifier')");
                    }
                }
            } else {
                List<String> bad = ConceptClasses.unknown(d, labels, ontology);
                if (!bad.isEmpty()) {
                    throw new BadInputException("concept " + d.name() + ": unknown class '" + bad.get(0)
                            + "' (see the classes with 'hark labels')");
                }
                classes = ConceptClasses.of(d, labels, ontology);
            }
            out.put(d.name(), new Entry(d.name(), classes, d.threshold(), d.tracksByDefault(), d.isLevel(), d.note(),
                    d.onset()));
        }
        return out;
    }
}
