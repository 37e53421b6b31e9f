package dev.hark.models.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A packed file read ahead ({@link ModelLocator#prefetchPacked}) is found as the very same content, once. */
class ModelLocatorPrefetchTest {
    @Test
    void aPrefetchedGraphIsTheSameContentAndIsTakenOnce() {
        KnownModel m = ModelCatalog.YAMNET;
        LocatedFile plain = ModelLocator.locate(m, m.graph());
        ModelLocator.prefetchPacked(m, m.graph());
        ModelLocator.prefetchPacked(m, m.graph()); // a second call while the first is pending starts nothing
        LocatedFile first = ModelLocator.locate(m, m.graph());
        assertEquals(plain.location(), first.location());
        assertArrayEquals(plain.bytes(), first.bytes());
        assertTrue(first.intact(), first.sha256());
        LocatedFile second = ModelLocator.locate(m, m.graph());
        assertArrayEquals(plain.bytes(), second.bytes());
        assertNotSame(first.bytes(), second.bytes(), "read anew: the read-ahead copy is not kept");
    }

    @Test
    void aFileWithNoPackedCopyIsFoundAsWithoutReadAhead() {
        KnownModel v = ModelCatalog.byName("vggish").orElseThrow();
        boolean before = ModelLocator.find(v, v.graph()).isPresent();
        ModelLocator.prefetchPacked(v, v.graph());
        assertEquals(before, ModelLocator.find(v, v.graph()).isPresent());
    }
}
