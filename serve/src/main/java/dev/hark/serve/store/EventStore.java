package dev.hark.serve.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.core.io.AtomicFile;
import dev.hark.core.io.IoFailures;
import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * The events in a SQLite database (WAL journal, {@code synchronous=FULL}: a write that returned is on disk, and a
 * process killed at any instant leaves a database that opens with every committed event). A versioned schema
 * ({@link Migrations}). One connection writes, another reads, so queries never wait for a write in progress.
 * Thread-safe.
 */
public final class EventStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, concept, score, start_s, end_s, wall_ms, top_labels, device, "
            + "clip_path, verdict";
    private final Path path;
    private final Connection writer;
    private final Connection reader;
    private boolean closed;

    private EventStore(Path path, Connection writer, Connection reader) {
        this.path = path;
        this.writer = writer;
        this.reader = reader;
    }

    /**
     * Opens (or creates, with its directory) the database at {@code path} and brings its schema up to date.
     *
     * @param busyTimeoutMs how long a statement waits for a lock held by another process
     * @throws BadInputException when it cannot be created or opened, is not a database, or is newer than this Hark
     */
    public static EventStore open(Path path, int busyTimeoutMs) {
        Path dir = path.toAbsolutePath().getParent();
        try {
            AtomicFile.checkDirectory(dir);
        } catch (IOException e) {
            throw new BadInputException("cannot open event store " + path + ": its directory: " + IoFailures.reason(e),
                    e);
        }
        Connection w = null;
        try {
            SQLiteConfig cfg = new SQLiteConfig();
            cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
            cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            cfg.setBusyTimeout(busyTimeoutMs);
            String url = "jdbc:sqlite:" + path.toAbsolutePath();
            w = DriverManager.getConnection(url, cfg.toProperties());
            Migrations.apply(w, "event store " + path);
            SQLiteConfig rcfg = new SQLiteConfig();
            rcfg.setBusyTimeout(busyTimeoutMs);
            rcfg.setReadOnly(true);
            Connection r = DriverManager.getConnection(url, rcfg.toProperties());
            return new EventStore(path, w, r);
        } catch (SQLException e) {
            closeQuietly(w);
            throw new BadInputException("cannot open event store " + path + ": " + e.getMessage().lines().findFirst()
                    .orElse(""), e);
        } catch (RuntimeException e) {
            closeQuietly(w);
            throw e;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the open failed already; that failure is the one reported
            }
        }
    }

    public Path path() {
        return path;
    }

    /** The schema version of the database. */
    public synchronized int schemaVersion() {
        try {
            return Migrations.current(writer);
        } catch (SQLException e) {
            throw new StoreException("cannot read the schema version of " + path, e);
        }
    }

    /** Adds an event (with its id) and commits it. */
    public synchronized void insert(StoredEvent e) {
        try (PreparedStatement s = writer.prepareStatement("INSERT INTO events (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, e.id());
            s.setString(2, e.concept());
            s.setDouble(3, e.score());
            s.setDouble(4, e.startSeconds());
            if (e.ended()) {
                s.setDouble(5, e.endSeconds());
            } else {
                s.setNull(5, Types.REAL);
            }
            s.setLong(6, e.wallTimeMillis());
            s.setString(7, JSON.writeValueAsString(e.topLabels()));
            s.setString(8, e.device());
            s.setString(9, e.clipPath());
            s.setString(10, e.verdict());
            s.executeUpdate();
        } catch (SQLException ex) {
            throw new StoreException("cannot add event " + e.id() + " to " + path, ex);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Records the end (and peak score) of event {@code id}. */
    public synchronized void end(long id, double endSeconds, double peakScore) {
        update("UPDATE events SET end_s = ?, score = MAX(score, ?) WHERE id = ?", id, endSeconds, peakScore);
    }

    /** Records the clip of event {@code id} (null: none any more). */
    public synchronized void setClip(long id, String clipPath, long bytes) {
        try (PreparedStatement s = writer.prepareStatement("UPDATE events SET clip_path = ?, clip_bytes = ? WHERE id = ?")) {
            s.setString(1, clipPath);
            if (clipPath == null) {
                s.setNull(2, Types.INTEGER);
            } else {
                s.setLong(2, bytes);
            }
            s.setLong(3, id);
            s.executeUpdate();
        } catch (SQLException ex) {
            throw new StoreException("cannot record the clip of event " + id + " in " + path, ex);
        }
    }

    /** Records a verdict ("right" or "wrong") on event {@code id}; false when there is no such event. */
    public synchronized boolean setVerdict(long id, String verdict) {
        try (PreparedStatement s = writer.prepareStatement("UPDATE events SET verdict = ? WHERE id = ?")) {
            s.setString(1, verdict);
            s.setLong(2, id);
            return s.executeUpdate() == 1;
        } catch (SQLException ex) {
            throw new StoreException("cannot mark event " + id + " in " + path, ex);
        }
    }

    private void update(String sql, long id, double a, double b) {
        try (PreparedStatement s = writer.prepareStatement(sql)) {
            s.setDouble(1, a);
            s.setDouble(2, b);
            s.setLong(3, id);
            s.executeUpdate();
        } catch (SQLException ex) {
            throw new StoreException("cannot update event " + id + " in " + path, ex);
        }
    }

    /** The highest id in the database (0 when empty). */
    public long maxId() {
        return single("SELECT COALESCE(MAX(id), 0) FROM events");
    }

    public long count() {
        return single("SELECT COUNT(*) FROM events");
    }

    private synchronized long single(String sql) {
        try (Statement s = reader.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getLong(1) : 0;
        } catch (SQLException ex) {
            throw new StoreException("cannot read " + path, ex);
        }
    }

    public synchronized Optional<StoredEvent> get(long id) {
        try (PreparedStatement s = reader.prepareStatement("SELECT " + COLUMNS + " FROM events WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        } catch (SQLException ex) {
            throw new StoreException("cannot read event " + id + " from " + path, ex);
        }
    }

    /** Events matching {@code q}, newest first. */
    public synchronized List<StoredEvent> query(EventQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM events WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.sinceMillis() != null) {
            sql.append(" AND wall_ms >= ?");
            args.add(q.sinceMillis());
        }
        if (q.untilMillis() != null) {
            sql.append(" AND wall_ms < ?");
            args.add(q.untilMillis());
        }
        if (q.concept() != null) {
            sql.append(" AND concept = ?");
            args.add(q.concept());
        }
        sql.append(" ORDER BY wall_ms DESC, id DESC LIMIT ?");
        args.add(q.limit());
        try (PreparedStatement s = reader.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            List<StoredEvent> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(row(r));
                }
            }
            return out;
        } catch (SQLException ex) {
            throw new StoreException("cannot query " + path, ex);
        }
    }

    /** A saved clip as retention sees it. */
    public record ClipRow(long id, String concept, long wallTimeMillis, String path, long bytes) {
    }

    /** Every event with a clip, newest first. */
    public synchronized List<ClipRow> clips() {
        try (Statement s = reader.createStatement(); ResultSet r = s.executeQuery("SELECT id, concept, wall_ms, "
                + "clip_path, COALESCE(clip_bytes, 0) FROM events WHERE clip_path IS NOT NULL ORDER BY wall_ms DESC, id DESC")) {
            List<ClipRow> out = new ArrayList<>();
            while (r.next()) {
                out.add(new ClipRow(r.getLong(1), r.getString(2), r.getLong(3), r.getString(4), r.getLong(5)));
            }
            return out;
        } catch (SQLException ex) {
            throw new StoreException("cannot list the clips in " + path, ex);
        }
    }

    /** SQLite's own check of the file ("ok" when sound). */
    public synchronized String integrityCheck() {
        try (Statement s = reader.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            return r.next() ? r.getString(1) : "no answer";
        } catch (SQLException ex) {
            throw new StoreException("cannot check " + path, ex);
        }
    }

    private static StoredEvent row(ResultSet r) throws SQLException {
        double end = r.getDouble(5);
        if (r.wasNull()) {
            end = Double.NaN;
        }
        List<StoredEvent.TopLabel> top;
        try {
            top = JSON.readValue(r.getString(7), new TypeReference<List<StoredEvent.TopLabel>>() { });
        } catch (JsonProcessingException e) {
            top = List.of();
        }
        return new StoredEvent(r.getLong(1), r.getString(2), r.getDouble(3), r.getDouble(4), end, r.getLong(6), top,
                r.getString(8), r.getString(9), r.getString(10));
    }

    /** Closes both connections; idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            closeQuietly(reader);
            closeQuietly(writer);
        }
    }
}
