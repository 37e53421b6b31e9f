package dev.hark.serve.store;

import dev.hark.errors.HarkException;
import java.sql.SQLException;

/** A failed read or write of the event store; {@link #locked()} when another process held the database too long. */
public final class StoreException extends HarkException {
    private static final long serialVersionUID = 1L;
    private final boolean locked;

    StoreException(String message, SQLException cause) {
        super(message + ": " + firstLine(cause), cause);
        String m = String.valueOf(cause.getMessage());
        this.locked = m.contains("SQLITE_BUSY") || m.contains("SQLITE_LOCKED") || m.contains("database is locked");
    }

    private static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /** Whether the database was locked by another connection (the write may succeed later). */
    public boolean locked() {
        return locked;
    }
}
