package io.countersign.audit;

import io.countersign.shared.Timestamps;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads and rewrites the audit tables behind the service's back, as an intruder with database access would. */
class AuditTables {

    static final Set<String> TEXT_COLUMNS = Set.of(
            "actor",
            "actor_role",
            "channel",
            "source_address",
            "action",
            "target",
            "request_id",
            "grant_id",
            "note",
            "justification",
            "ticket",
            "comment",
            "reason",
            "previous_hash",
            "hash");

    private final JdbcClient jdbc;

    AuditTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A copy of both tables, to put back after a test has damaged them, and the last checkpoint then:
     * checkpoints of events that the restore removes are removed too.
     */
    record Snapshot(List<AuditRecord> events, ChainHead head, long lastCheckpointId) {}

    Snapshot snapshot() {
        long lastCheckpointId = jdbc.sql("select coalesce(max(id), 0) from audit_checkpoints")
                .query(Long.class)
                .single();
        return new Snapshot(all(), head(), lastCheckpointId);
    }

    /** Puts back exactly the rows that differ from the snapshot, and the head. */
    void restore(Snapshot snapshot) {
        Map<Long, AuditRecord> current = new HashMap<>();
        all().forEach(event -> current.put(event.id(), event));
        Set<Long> kept = new HashSet<>();
        for (AuditRecord original : snapshot.events()) {
            kept.add(original.id());
            if (!original.equals(current.get(original.id()))) {
                delete(original.id());
                insert(original);
            }
        }
        current.keySet().stream().filter(id -> !kept.contains(id)).forEach(this::delete);
        setHead(snapshot.head().lastId(), snapshot.head().lastHash());
        jdbc.sql("delete from audit_checkpoints where id > ?")
                .param(snapshot.lastCheckpointId())
                .update();
    }

    List<AuditRecord> all() {
        return jdbc.sql("select * from audit_events order by id")
                .query(AuditRows::map)
                .list();
    }

    AuditRecord event(long id) {
        return jdbc.sql("select * from audit_events where id = ?")
                .param(id)
                .query(AuditRows::map)
                .single();
    }

    ChainHead head() {
        return jdbc.sql("select last_id, last_hash from audit_chain_head where id = 1")
                .query((rs, row) -> new ChainHead(rs.getLong(1), rs.getString(2)))
                .single();
    }

    long count() {
        return jdbc.sql("select count(*) from audit_events").query(Long.class).single();
    }

    long journalSize() {
        return jdbc.sql("select count(*) from audit_journal").query(Long.class).single();
    }

    void refuseJournalEntriesOf(String actor) {
        jdbc.sql("alter table audit_journal add constraint refused_actor check (actor <> '" + actor + "')")
                .update();
    }

    void acceptAllJournalEntries() {
        jdbc.sql("alter table audit_journal drop constraint refused_actor").update();
    }

    void setText(long id, String column, String value) {
        if (!TEXT_COLUMNS.contains(column)) {
            throw new IllegalArgumentException(column);
        }
        jdbc.sql("update audit_events set " + column + " = ? where id = ?")
                .params(value, id)
                .update();
    }

    void setOccurredAt(long id, OffsetDateTime value) {
        jdbc.sql("update audit_events set occurred_at = ? where id = ?")
                .params(value, id)
                .update();
    }

    void setHashVersion(long id, int version) {
        jdbc.sql("update audit_events set hash_version = ? where id = ?")
                .params(version, id)
                .update();
    }

    void setId(long id, long newId) {
        jdbc.sql("update audit_events set id = ? where id = ?")
                .params(newId, id)
                .update();
    }

    void delete(long id) {
        jdbc.sql("delete from audit_events where id = ?").param(id).update();
    }

    /** Exchanges every column but the id between two events, as if they had been written in the other order. */
    void swapContents(long first, long second) {
        AuditRecord a = event(first);
        AuditRecord b = event(second);
        delete(first);
        delete(second);
        insert(withId(b, first));
        insert(withId(a, second));
    }

    void setHead(long lastId, String lastHash) {
        jdbc.sql("update audit_chain_head set last_id = ?, last_hash = ? where id = 1")
                .params(lastId, lastHash)
                .update();
    }

    void insert(AuditRecord e) {
        jdbc.sql("""
                        insert into audit_events (id, occurred_at, actor, actor_role, channel, source_address, action,
                                                  target, request_id, grant_id, note, justification, ticket,
                                                  comment, reason, hash_version, previous_hash, hash)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        e.id(),
                        Timestamps.toDb(e.occurredAt()),
                        e.actor(),
                        e.actorRole(),
                        e.channel(),
                        e.sourceAddress(),
                        e.action(),
                        e.target(),
                        e.requestId(),
                        e.grantId(),
                        e.note(),
                        e.justification(),
                        e.ticket(),
                        e.comment(),
                        e.reason(),
                        e.hashVersion(),
                        e.previousHash(),
                        e.hash())
                .update();
    }

    static AuditRecord withId(AuditRecord e, long id) {
        return RecordBuilder.from(e).id(id).build();
    }
}
