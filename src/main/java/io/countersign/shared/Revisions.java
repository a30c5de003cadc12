package io.countersign.shared;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the {@link Revision} of one row of a configuration table, optionally locking it. */
public final class Revisions {

    private Revisions() {}

    /**
     * @param table and {@code keyColumn} are constants of the calling store, never client input
     * @param lock locks the row until the transaction ends, so that a compared version stays current
     */
    public static Optional<Revision> read(JdbcClient jdbc, String table, String keyColumn, String key, boolean lock) {
        return jdbc.sql("select version, created_at from " + table + " where " + keyColumn + " = ?"
                        + (lock ? " for update" : ""))
                .param(key)
                .query((rs, row) -> new Revision(
                        rs.getLong("version"), Timestamps.fromDb(rs.getObject("created_at", OffsetDateTime.class))))
                .optional();
    }
}
