package dev.hark.serve.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStoreTest {
    @TempDir
    Path dir;

    static StoredEvent event(long id, String concept, long wallMs) {
        return new StoredEvent(id, concept, 0.5 + id / 1000.0, id, Double.NaN, wallMs,
                List.of(new StoredEvent.TopLabel(concept, 0.5), new StoredEvent.TopLabel("Animal", 0.4)), "test",
                null, null);
    }

    @Test
    void eventsAreQueriedBySinceUntilConceptAndLimitNewestFirst() {
        try (EventStore s = EventStore.open(dir.resolve("a/b/events.db"), 1000)) {
            for (int i = 1; i <= 10; i++) {
                s.insert(event(i, i % 2 == 0 ? "Dog" : "Cat", 1000L * i));
            }
            s.end(3, 7.5, 0.99);
            assertEquals(10, s.count());
            assertEquals(10, s.maxId());
            assertEquals(List.of(10L, 8L, 6L, 4L, 2L), ids(s.query(new EventQuery(null, null, "Dog", 100))));
            assertEquals(List.of(5L, 4L, 3L), ids(s.query(new EventQuery(3000L, 6000L, null, 100))));
            assertEquals(List.of(10L, 9L), ids(s.query(new EventQuery(null, null, null, 2))));
            StoredEvent three = s.get(3).orElseThrow();
            assertEquals(7.5, three.endSeconds());
            assertEquals(0.99, three.score());
            assertEquals("Animal", three.topLabels().get(1).label());
            assertFalse(s.get(4).orElseThrow().ended());
            assertTrue(s.get(11).isEmpty());
            assertThrows(BadInputException.class, () -> new EventQuery(null, null, null, 0));
        }
    }

    @Test
    void aRestartFindsTheEventsAndTheSchemaAsTheyWere() throws Exception {
        Path db = dir.resolve("events.db");
        try (EventStore s = EventStore.open(db, 1000)) {
            s.insert(event(1, "Dog", 1));
            s.setClip(1, "/x/1.wav", 123);
        }
        try (EventStore s = EventStore.open(db, 1000)) {
            assertEquals(Migrations.LATEST, s.schemaVersion());
            assertEquals(1, s.maxId());
            assertEquals("/x/1.wav", s.get(1).orElseThrow().clipPath());
            s.insert(event(2, "Dog", 2));
            assertTrue(s.setVerdict(2, "right"));
            assertFalse(s.setVerdict(99, "right"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            try (ResultSet r = st.executeQuery("PRAGMA journal_mode")) {
                assertEquals("wal", r.getString(1));
            }
            try (ResultSet r = st.executeQuery("SELECT COUNT(*) FROM migrations")) {
                assertEquals(Migrations.LATEST, r.getInt(1), "each migration applied once");
            }
            try (ResultSet r = st.executeQuery("SELECT verdict FROM events WHERE id = 2")) {
                assertEquals("right", r.getString(1));
            }
        }
    }

    @Test
    void aDatabaseOfANewerHarkOrNoDatabaseAtAllIsRefusedInOneLine() throws Exception {
        Path db = dir.resolve("newer.db");
        try (EventStore s = EventStore.open(db, 1000)) {
            s.insert(event(1, "Dog", 1));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("INSERT INTO migrations VALUES (99, 0)");
        }
        BadInputException e = assertThrows(BadInputException.class, () -> EventStore.open(db, 1000));
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
        Path junk = dir.resolve("junk.db");
        Files.writeString(junk, "this is not a database, not at all, just some text that is long enough".repeat(20));
        e = assertThrows(BadInputException.class, () -> EventStore.open(junk, 1000));
        assertTrue(e.getMessage().startsWith("cannot open event store " + junk), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        Path inFile = junk.resolve("events.db");
        e = assertThrows(BadInputException.class, () -> EventStore.open(inFile, 1000));
        assertTrue(e.getMessage().startsWith("cannot open event store"), e.getMessage());
    }

    static List<Long> ids(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::id).toList();
    }
}
