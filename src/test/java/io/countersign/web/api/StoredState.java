package io.countersign.web.api;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What "nothing changed" means in a test: the row count of every table of the schema, the audit
 * chain's length and the hash of its head. Every change writes an audit event, so an update that
 * keeps the row counts still moves the chain. The service's own timers (a grant or request of an
 * earlier test that expires meanwhile) are left out: their audit events and the webhook deliveries
 * that report them name the system as the actor, and no caller can act as the system.
 */
record StoredState(Map<String, Long> rows, long auditEvents, String headHash) {

    /**
     * Tables the service's own background work writes whatever the callers do: timers, and the
     * attempts to deliver webhook events of earlier changes.
     */
    private static final List<String> MOVING = List.of("scheduled_tasks", "flyway_schema_history", "webhook_attempts");

    /** The count of wrong passwords, which a refused password change is meant to raise. */
    private static final List<String> REFUSALS = List.of("sign_in_failures");

    /** What leaves out the rows of a table that record or report a change the service made itself. */
    private static final Map<String, String> CALLERS_ONLY = Map.of(
            "audit_journal",
            " where channel <> 'SYSTEM'",
            // webhook events name their actor; notifications do not, and the service's own timers send
            // them too (escalations, expiries, grants ending): a change by a caller also writes its
            // audit event and its webhook events, which are counted
            "webhook_deliveries",
            " where channel = 'WEBHOOK' and payload not like '%\"channel\":\"SYSTEM\"%'");

    static StoredState of(JdbcClient jdbc) {
        List<String> tables = jdbc.sql("select lower(table_name) from information_schema.tables"
                        + " where lower(table_schema) = 'public' and table_type = 'BASE TABLE'")
                .query(String.class)
                .list();
        Map<String, Long> rows = new TreeMap<>();
        for (String table : tables) {
            if (!MOVING.contains(table) && !REFUSALS.contains(table) && !table.equals("audit_events")) {
                rows.put(
                        table,
                        jdbc.sql("select count(*) from " + table + CALLERS_ONLY.getOrDefault(table, ""))
                                .query(Long.class)
                                .single());
            }
        }
        long events = jdbc.sql("select count(*) from audit_events where channel <> 'SYSTEM'")
                .query(Long.class)
                .single();
        String head = jdbc.sql("select hash from audit_events where channel <> 'SYSTEM' order by id desc limit 1")
                .query(String.class)
                .optional()
                .orElse("");
        return new StoredState(rows, events, head);
    }
}
