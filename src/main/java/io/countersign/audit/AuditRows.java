package io.countersign.audit;

import io.countersign.shared.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every statement on {@code audit_events} and {@code audit_chain_head}. */
@Component
class AuditRows {

    private static final String COLUMNS = "id, occurred_at, actor, actor_role, channel, source_address, action,"
            + " target, request_id, grant_id, note, justification, ticket, comment, reason, hash_version,"
            + " previous_hash, hash";

    private final JdbcClient jdbc;

    AuditRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    void append(AuditRecord event) {
        jdbc.sql("insert into audit_events (" + COLUMNS
                        + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
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
                        event.hash())
                .update();
        int moved = jdbc.sql("update audit_chain_head set last_id = ?, last_hash = ? where id = 1")
                .params(event.id(), event.hash())
                .update();
        if (moved != 1) {
            throw new IllegalStateException("The audit chain head is missing");
        }
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
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_events where 1 = 1");
        List<Object> params = new ArrayList<>();
        condition(sql, params, "request_id = ?", query.requestId());
        condition(sql, params, "actor = ?", query.actor());
        condition(sql, params, "action = ?", query.action());
        condition(sql, params, "occurred_at >= ?", Timestamps.toDb(query.from()));
        condition(sql, params, "occurred_at < ?", Timestamps.toDb(query.to()));
        condition(sql, params, "id < ?", beforeId);
        sql.append(" order by id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(AuditRows::map).list();
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
