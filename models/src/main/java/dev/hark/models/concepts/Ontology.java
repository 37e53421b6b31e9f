package dev.hark.models.concepts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.errors.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The AudioSet ontology by class name: each class's children and whether it is abstract (a grouping that is
 * never a label of its own). Read from {@code ontology.json} as packed beside YAMNet.
 */
public final class Ontology {
    static final String RESOURCE = "/dev/hark/models/yamnet/ontology.json";
    private static volatile Ontology audioSet;

    private final Map<String, List<String>> children;
    private final Map<String, List<String>> parents;
    private final Set<String> abstractClasses;

    private Ontology(Map<String, List<String>> children, Map<String, List<String>> parents, Set<String> abstracts) {
        this.children = children;
        this.parents = parents;
        this.abstractClasses = abstracts;
    }

    /** The AudioSet ontology packed in the jar. */
    public static Ontology audioSet() {
        Ontology o = audioSet;
        if (o == null) {
            try (InputStream in = Ontology.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new ModelException("the AudioSet ontology " + RESOURCE + " is not in this build (it is packed "
                            + "from ../shared/models/yamnet/ontology.json)");
                }
                o = parse(in, RESOURCE);
            } catch (IOException e) {
                throw new ModelException("cannot read the AudioSet ontology " + RESOURCE + ": " + e.getMessage(), e);
            }
            audioSet = o;
        }
        return o;
    }

    /** Parses the AudioSet ontology JSON (a list of {@code {id, name, child_ids, restrictions}}). */
    static Ontology parse(InputStream in, String location) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        if (root == null || !root.isArray()) {
            throw new ModelException("ontology " + location + ": expected a list of classes");
        }
        Map<String, String> nameOf = new LinkedHashMap<>();
        for (JsonNode c : root) {
            nameOf.put(c.path("id").asText(), c.path("name").asText());
        }
        Map<String, List<String>> children = new LinkedHashMap<>();
        Map<String, List<String>> parents = new LinkedHashMap<>();
        Set<String> abstracts = new LinkedHashSet<>();
        for (JsonNode c : root) {
            String name = c.path("name").asText();
            List<String> kids = new ArrayList<>();
            for (JsonNode id : c.path("child_ids")) {
                String kid = nameOf.get(id.asText());
                if (kid != null) {
                    kids.add(kid);
                    parents.computeIfAbsent(kid, k -> new ArrayList<>()).add(name);
                }
            }
            children.put(name, List.copyOf(kids));
            for (JsonNode r : c.path("restrictions")) {
                if (r.asText().equals("abstract")) {
                    abstracts.add(name);
                }
            }
        }
        parents.replaceAll((k, v) -> List.copyOf(v));
        return new Ontology(Collections.unmodifiableMap(children), Collections.unmodifiableMap(parents),
                Collections.unmodifiableSet(abstracts));
    }

    public boolean contains(String name) {
        return children.containsKey(name);
    }

    /** Whether the class is only a grouping (never a label of its own). */
    public boolean isAbstract(String name) {
        return abstractClasses.contains(name);
    }

    /** The direct parents of a class (empty for a top class or an unknown name). */
    public List<String> parents(String name) {
        return parents.getOrDefault(name, List.of());
    }

    /** The class and all its descendants, the class first. */
    public Set<String> withDescendants(String name) {
        Set<String> out = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(name));
        while (!todo.isEmpty()) {
            String n = todo.remove(todo.size() - 1);
            if (out.add(n)) {
                todo.addAll(children.getOrDefault(n, List.of()));
            }
        }
        return out;
    }
}
