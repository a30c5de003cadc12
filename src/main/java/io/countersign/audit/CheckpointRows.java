package io.countersign.audit;

import io.countersign.shared.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every statement on {@code audit_checkpoints}. */
@Component
class CheckpointRows {

    private static final String COLUMNS = "id, at, events, head_hash, key_id, signature";

    private final JdbcClient jdbc;

    CheckpointRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AuditCheckpoint> newest() {
        return jdbc.sql("select " + COLUMNS + " from audit_checkpoints order by id desc limit 1")
                .query(CheckpointRows::map)
                .optional();
    }

    /** The id of the newest checkpoint, 0 before the first. */
    long lastId() {
        return jdbc.sql("select coalesce(max(id), 0) from audit_checkpoints")
                .query(Long.class)
                .single();
    }

    /** At most {@code limit} checkpoints after {@code afterId} up to {@code upToId}, oldest first. */
    List<AuditCheckpoint> oldest(long afterId, long upToId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from audit_checkpoints where id > ? and id <= ? order by id limit ?")
                .params(afterId, upToId, limit)
                .query(CheckpointRows::map)
                .list();
    }

    long nextId() {
        return jdbc.sql("select coalesce(max(id), 0) + 1 from audit_checkpoints")
                .query(Long.class)
                .single();
    }

    void insert(AuditCheckpoint checkpoint) {
        jdbc.sql("insert into audit_checkpoints (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?)")
                .params(
                        checkpoint.id(),
                        Timestamps.toDb(checkpoint.at()),
                        checkpoint.events(),
                        checkpoint.headHash(),
                        checkpoint.keyId(),
                        checkpoint.signature())
                .update();
    }

    /** At most {@code limit} checkpoints, newest first, older than {@code beforeId} if set. */
    List<AuditCheckpoint> newest(Long beforeId, int limit) {
        if (beforeId == null) {
            return jdbc.sql("select " + COLUMNS + " from audit_checkpoints order by id desc limit ?")
                    .param(limit)
                    .query(CheckpointRows::map)
                    .list();
        }
        return jdbc.sql("select " + COLUMNS + " from audit_checkpoints where id < ? order by id desc limit ?")
                .params(beforeId, limit)
                .query(CheckpointRows::map)
                .list();
    }

    private static AuditCheckpoint map(ResultSet rs, int row) throws SQLException {
        return new AuditCheckpoint(
                rs.getLong("id"),
                Timestamps.fromDb(rs.getObject("at", OffsetDateTime.class)),
                rs.getLong("events"),
                rs.getString("head_hash"),
                rs.getString("key_id"),
                rs.getString("signature"));
    }
}
