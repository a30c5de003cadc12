package io.countersign.audit;

import io.countersign.shared.Timestamps;
import io.countersign.shared.database.Pipelined;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/** Every statement on {@code audit_journal}, {@code audit_events} and {@code audit_chain_head}. */
@Component
class AuditRows {

    private static final String JOURNAL_COLUMNS = "occurred_at, actor, actor_role, channel, source_address,"
            + " action, target, request_id, grant_id, note, justification, ticket, comment, reason";

    private static final String COLUMNS = "id, occurred_at, actor, actor_role, channel, source_address, action,"
            + " target, request_id, grant_id, note, justification, ticket, comment, reason, hash_version,"
            + " previous_hash, hash";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    AuditRows(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.batches = new JdbcTemplate(dataSource);
    }

    /** Reads the head and locks it until the surrounding transaction ends: appends queue up here. */
    ChainHead lockHead() {
        return jdbc.sql("select last_id, last_hash from audit_chain_head where id = 1 for update")
                .query((rs, row) -> new ChainHead(rs.getLong("last_id"), rs.getString("last_hash")))
                .single();
    }

    ChainHead head() {
        return jdbc.sql("select last_id, last_hash from audit_chain_head where id = 1")
                .query((rs, row) -> new ChainHead(rs.getLong("last_id"), rs.getString("last_hash")))
                .single();
    }

    /**
     * Writes events to the journal in one batch, in the caller's transaction and in the given order;
     * the sealer chains them after commit.
     */
    void journal(List<Drafted> drafted) {
        batches.batchUpdate(
                JOURNAL_INSERT + " values " + JOURNAL_ROW,
                drafted.stream().map(AuditRows::values).toList());
    }

    /** The statements that write these events to the journal in this order, to run with others. */
    List<Pipelined<?>> journalStatements(List<Drafted> drafted) {
        return Pipelined.insert(
                JOURNAL_INSERT,
                JOURNAL_ROW,
                drafted.stream().map(AuditRows::values).toList());
    }

    private static final String JOURNAL_INSERT = "insert into audit_journal (seq, " + JOURNAL_COLUMNS + ")";
    private static final String JOURNAL_ROW =
            "(nextval('audit_journal_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static Object[] values(Drafted entry) {
        AuditDraft draft = entry.draft();
        return new Object[] {
            Timestamps.toDb(entry.occurredAt()),
            draft.actor(),
            draft.actorRole(),
            draft.channel(),
            draft.sourceAddress(),
            draft.action(),
            draft.target(),
            draft.requestId(),
            draft.grantId(),
            draft.note(),
            draft.justification(),
            draft.ticket(),
            draft.comment(),
            draft.reason()
        };
    }

    /** An event as recorded, before the journal has it. */
    record Drafted(AuditDraft draft, Instant occurredAt) {}

    /** The oldest {@code limit} journal entries not yet sealed, in sequence order. */
    List<JournalEntry> unsealed(int limit) {
        return jdbc.sql("select seq, " + JOURNAL_COLUMNS + " from audit_journal order by seq limit ?")
                .param(limit)
                .query((rs, row) -> new JournalEntry(
                        rs.getLong("seq"),
                        Timestamps.fromDb(rs.getObject("occurred_at", OffsetDateTime.class)),
                        new AuditDraft(
                                rs.getString("actor"),
                                rs.getString("actor_role"),
                                rs.getString("channel"),
                                rs.getString("source_address"),
                                rs.getString("action"),
                                rs.getString("target"),
                                rs.getString("request_id"),
                                rs.getString("grant_id"),
                                rs.getString("note"),
                                rs.getString("justification"),
                                rs.getString("ticket"),
                                rs.getString("comment"),
                                rs.getString("reason"))))
                .list();
    }

    /** How many journal entries wait to be sealed, and when the oldest of them happened. */
    UnsealedTail unsealedTail() {
        return jdbc.sql("select count(*), min(occurred_at) from audit_journal")
                .query((rs, row) ->
                        new UnsealedTail(rs.getLong(1), Timestamps.fromDb(rs.getObject(2, OffsetDateTime.class))))
                .single();
    }

    /**
     * Appends sealed events to the chain, moves the head to the last of them and removes their journal
     * entries, all in the caller's transaction. Fails if another sealer removed one of the entries
     * first, so that an entry is never chained twice.
     */
    void seal(List<AuditRecord> events, List<Long> journalSeqs) {
        List<Object[]> inserts = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            AuditRecord event = events.get(i);
            inserts.add(new Object[] {
                event.id(),
                Timestamps.toDb(event.occurredAt()),
                event.actor(),
                event.actorRole(),
                event.channel(),
                event.sourceAddress(),
                event.action(),
                event.target(),
                event.requestId(),
                event.grantId(),
                event.note(),
                event.justification(),
                event.ticket(),
                event.comment(),
                event.reason(),
                event.hashVersion(),
                event.previousHash(),
                event.hash(),
                journalSeqs.get(i)
            });
        }
        batches.batchUpdate(
                "insert into audit_events (" + COLUMNS
                        + ", journal_seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                inserts);
        AuditRecord last = events.get(events.size() - 1);
        int moved = jdbc.sql("update audit_chain_head set last_id = ?, last_hash = ? where id = 1")
                .params(last.id(), last.hash())
                .update();
        if (moved != 1) {
            throw new IllegalStateException("The audit chain head is missing");
        }
        // One statement for the whole batch; an entry already gone makes the count fall short.
        int removed = jdbc.sql("delete from audit_journal where seq = any(?)")
                .param(new SqlArrayValue("bigint", journalSeqs.toArray()))
                .update();
        if (removed != journalSeqs.size()) {
            throw new IllegalStateException("Audit journal entries were sealed by another sealer");
        }
    }

    /**
     * Whether an event with {@code afterId < id <= upToId} is activity, that is anything but a report
     * of a checkpoint's own delivery dying ({@link CheckpointEcho}).
     */
    boolean anyActivity(long afterId, long upToId) {
        return jdbc.sql(
                                "select count(*) from (select id from audit_events where id > ? and id <= ?"
                                        + " and not (action = ? and actor = ? and channel = ? and note like ?) limit 1) activity")
                        .params(
                                afterId,
                                upToId,
                                CheckpointEcho.ACTION,
                                CheckpointEcho.ACTOR,
                                CheckpointEcho.CHANNEL,
                                CheckpointEcho.NOTE_PATTERN)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** At most {@code limit} events with {@code afterId < id <= upToId}, oldest first. */
    List<AuditRecord> chainSlice(long afterId, long upToId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from audit_events where id > ? and id <= ? order by id limit ?")
                .params(afterId, upToId, limit)
                .query(AuditRows::map)
                .list();
    }

    /** At most {@code limit} events matching the filters, newest first, older than {@code beforeId} if set. */
    List<AuditRecord> newest(AuditQuery query, Long beforeId, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = matching(query, params);
        condition(sql, params, "id < ?", beforeId);
        sql.append(" order by id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(AuditRows::map).list();
    }

    /** The id of the newest sealed event, 0 when there is none. */
    long lastEventId() {
        return jdbc.sql("select coalesce(max(id), 0) from audit_events")
                .query(Long.class)
                .single();
    }

    /**
     * At most {@code limit} events matching the filters with {@code afterId < id <= upToId}, oldest
     * first: one batch of an export, which walks the log by id in such batches.
     */
    List<AuditRecord> matchingSlice(AuditQuery query, long afterId, long upToId, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = matching(query, params).append(" and id > ? and id <= ? order by id limit ?");
        params.add(afterId);
        params.add(upToId);
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(AuditRows::map).list();
    }

    private static StringBuilder matching(AuditQuery query, List<Object> params) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_events where 1 = 1");
        condition(sql, params, "request_id = ?", query.requestId());
        condition(sql, params, "actor = ?", query.actor());
        condition(sql, params, "action = ?", query.action());
        condition(sql, params, "occurred_at >= ?", Timestamps.toDb(query.from()));
        condition(sql, params, "occurred_at < ?", Timestamps.toDb(query.to()));
        return sql;
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            sql.append(" and ").append(clause);
            params.add(value);
        }
    }

    static AuditRecord map(ResultSet rs, int row) throws SQLException {
        return new AuditRecord(
                rs.getLong("id"),
                Timestamps.fromDb(rs.getObject("occurred_at", OffsetDateTime.class)),
                rs.getString("actor"),
                rs.getString("actor_role"),
                rs.getString("channel"),
                rs.getString("source_address"),
                rs.getString("action"),
                rs.getString("target"),
                rs.getString("request_id"),
                rs.getString("grant_id"),
                rs.getString("note"),
                rs.getString("justification"),
                rs.getString("ticket"),
                rs.getString("comment"),
                rs.getString("reason"),
                rs.getInt("hash_version"),
                rs.getString("previous_hash"),
                rs.getString("hash"));
    }
}
