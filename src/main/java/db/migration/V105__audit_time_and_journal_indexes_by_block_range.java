package db.migration;

import db.migration.support.PostgresOnlyMigration;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The audit log is only ever appended to, in sealing order, so its rows lie on disk in the order of
 * their journal entry and, within a few milliseconds, of their time. On PostgreSQL the two indexes on
 * those columns become block-range (BRIN) indexes: a range of pages is summarised by its smallest and
 * largest value, so sealing an event no longer inserts into two more B-trees (each was a WAL record
 * and a leaf page touched per event), while a time window or the append-only policy's look-up of a
 * journal entry (docs/sql/postgresql-audit-append-only.sql) still reads only the ranges that can hold
 * it. {@code autosummarize} has autovacuum summarise each range as it fills; the unsummarised tail is
 * read whole. The journal entry's index was unique only as a second guard: a sealing pass deletes the
 * entries it chains and rolls back unless it deleted every one (docs/adr/0010). H2 keeps its B-trees.
 */
public class V105__audit_time_and_journal_indexes_by_block_range extends PostgresOnlyMigration {

    @Override
    protected void migrate(Statement statement) throws SQLException {
        statement.execute("drop index audit_events_time");
        statement.execute("create index audit_events_time on audit_events using brin (occurred_at)"
                + " with (autosummarize = on)");
        statement.execute("drop index audit_events_journal_seq");
        statement.execute("create index audit_events_journal_seq on audit_events using brin (journal_seq)"
                + " with (autosummarize = on)");
    }
}
