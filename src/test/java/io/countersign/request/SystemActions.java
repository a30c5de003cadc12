package io.countersign.request;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads what the service recorded in the audit trail by itself (as actor {@code system}), not a person. */
final class SystemActions {

    private final JdbcClient jdbc;

    SystemActions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The audit actions recorded for a request by the service itself, oldest first. */
    List<String> on(String requestId) {
        return jdbc.sql("select action from audit_events where request_id = ? and actor = 'system' order by id")
                .param(requestId)
                .query(String.class)
                .list();
    }

    /** When the service recorded {@code action} by itself for this request or grant; null if not yet. */
    Instant recordedAt(String column, String id, String action) {
        return jdbc.sql("select occurred_at from audit_events where " + column
                        + " = ? and action = ? and actor = 'system'")
                .params(id, action)
                .query(OffsetDateTime.class)
                .optional()
                .map(OffsetDateTime::toInstant)
                .orElse(null);
    }
}
