package dev.hark.serve.store;

import dev.hark.errors.BadInputException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's versioned schema: table {@code migrations} records each version applied (with its time); every
 * step runs in its own transaction, so a crash leaves the database at one version or the next.
 */
final class Migrations {
    /** Step i brings the schema from version i to i + 1. */
    private static final List<String[]> STEPS = List.of(
            new String[] {
                "CREATE TABLE events (id INTEGER PRIMARY KEY, concept TEXT NOT NULL, score REAL NOT NULL, "
                        + "start_s REAL NOT NULL, end_s REAL, wall_ms INTEGER NOT NULL, top_labels TEXT NOT NULL, "
                        + "device TEXT NOT NULL, clip_path TEXT, clip_bytes INTEGER)",
                "CREATE INDEX events_wall ON events (wall_ms)",
                "CREATE INDEX events_concept ON events (concept, wall_ms)"},
            new String[] {
                "ALTER TABLE events ADD COLUMN verdict TEXT"});

    static final int LATEST = STEPS.size();

    private Migrations() {
    }

    /** Brings the schema up to {@link #LATEST}; refuses a database made by a newer Hark. */
    static int apply(Connection c, String what) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_ms INTEGER NOT NULL)");
        }
        int version = current(c);
        if (version > LATEST) {
            throw new BadInputException(what + " has schema version " + version + ", newer than this Hark knows ("
                    + LATEST + ")");
        }
        for (int v = version; v < LATEST; v++) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : STEPS.get(v)) {
                    s.execute(sql);
                }
                s.execute("INSERT INTO migrations (version, applied_ms) VALUES (" + (v + 1) + ", "
                        + System.currentTimeMillis() + ")");
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
        return LATEST;
    }

    static int current(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT MAX(version) FROM migrations")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }
}
