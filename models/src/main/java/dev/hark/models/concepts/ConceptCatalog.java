package dev.hark.models.concepts;

import dev.hark.config.concepts.ConceptDefinition;
import dev.hark.config.concepts.ConceptDefinitions;
import dev.hark.errors.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Hark's catalogue of sound concepts: the resource {@code dev/hark/models/concepts/catalog.properties} (which
 * classes, which threshold and where it comes from), in the same {@code concepts.NAME.FIELD} form as a listen
 * config. {@link #text()} gives the file itself, for users to read.
 */
public final class ConceptCatalog {
    static final String RESOURCE = "/dev/hark/models/concepts/catalog.properties";
    private static volatile Map<String, ConceptDefinition> concepts;

    private ConceptCatalog() {
    }

    /** The catalogue's concepts by name, in the file's order. */
    public static Map<String, ConceptDefinition> concepts() {
        Map<String, ConceptDefinition> c = concepts;
        if (c == null) {
            Map<String, String> keys = new LinkedHashMap<>();
            Properties ordered = new Properties() {
                @Override
                public synchronized Object put(Object key, Object value) {
                    keys.put(key.toString(), value.toString());
                    return super.put(key, value);
                }
            };
            try (Reader r = new InputStreamReader(open(), StandardCharsets.UTF_8)) {
                ordered.load(r);
            } catch (IOException e) {
                throw new ModelException("cannot read the concept catalogue " + RESOURCE + ": " + e.getMessage(), e);
            }
            c = ConceptDefinitions.parse(keys);
            concepts = c;
        }
        return c;
    }

    /** The catalogue file's text, comments included. */
    public static String text() {
        try (InputStream in = open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelException("cannot read the concept catalogue " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open() {
        InputStream in = ConceptCatalog.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new ModelException("the concept catalogue " + RESOURCE + " is missing from this build");
        }
        return in;
    }
}
