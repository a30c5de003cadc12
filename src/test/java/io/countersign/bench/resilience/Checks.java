package io.countersign.bench.resilience;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The invariants a run must keep, checked through SQL on the shared database and through the API.
 * Each broken one is a violation with enough detail to find the rows; the counts go into the
 * summary.
 */
final class Checks {

    final List<String> violations = new ArrayList<>();
    final Map<String, Long> counts = new LinkedHashMap<>();

    private final String databaseUrl;

    Checks(String databaseUrl) {
        this.databaseUrl = databaseUrl;
    }

    void database(Ledger ledger, String webhookId, WebhookReceiver receiver) throws SQLException {
        try (Connection db = DriverManager.getConnection(databaseUrl)) {
            acknowledgedCreationsExist(db, ledger);
            acknowledgedDecisionsExist(db, ledger);
            grantsMatchApprovals(db);
            outboxDelivered(db, webhookId, receiver);
            count(db, "requests", "select count(*) from access_requests");
            count(db, "requests approved", "select count(*) from access_requests where status = 'APPROVED'");
            count(db, "requests pending", "select count(*) from access_requests where status = 'PENDING'");
            count(db, "decisions", "select count(*) from decisions");
            count(db, "grants", "select count(*) from grants");
            count(db, "audit events", "select count(*) from audit_events");
        }
    }

    /** {@code GET /api/v1/audit/verify} must report the whole chain intact. */
    void auditChain(Api api, String adminToken) throws InterruptedException {
        Api.Answer answer = api.call("GET", "/api/v1/audit/verify", adminToken, null);
        JsonNode body = answer.body();
        if (answer.status() != 200 || !body.get("valid").asBoolean()) {
            violations.add("the audit chain does not verify: " + answer.status() + " " + body);
        }
    }

    private void acknowledgedCreationsExist(Connection db, Ledger ledger) throws SQLException {
        Map<String, String> stored = new HashMap<>();
        each(db, "select id, idempotency_key from access_requests", rs -> {
            String key = string(rs, 2);
            if (key == null) {
                violations.add("request " + string(rs, 1) + " was stored without the Idempotency-Key it was sent with");
            } else if (stored.put(key, string(rs, 1)) != null) {
                violations.add("two requests for the Idempotency-Key " + key);
            }
        });
        ledger.createdByKey.forEach((key, id) -> {
            if (!id.equals(stored.get(key))) {
                violations.add("acknowledged creation " + id + " (key " + key + ") is stored as " + stored.get(key));
            }
        });
    }

    private void acknowledgedDecisionsExist(Connection db, Ledger ledger) throws SQLException {
        Set<Ledger.Decision> stored = new HashSet<>();
        each(db, "select request_id, step_index, approver from decisions where verdict = 'APPROVE'", rs -> {
            stored.add(new Ledger.Decision(string(rs, 1), integer(rs, 2), string(rs, 3)));
        });
        for (Ledger.Decision decision : ledger.acknowledgedDecisions) {
            if (!stored.contains(decision)) {
                violations.add("acknowledged decision lost: " + decision);
            }
        }
    }

    private void grantsMatchApprovals(Connection db) throws SQLException {
        each(db, "select request_id, count(*) from grants group by request_id having count(*) > 1", rs -> {
            violations.add("request " + string(rs, 1) + " has " + integer(rs, 2) + " grants");
        });
        each(
                db,
                """
                select g.id, g.request_id, r.status from grants g left join access_requests r on r.id = g.request_id
                where r.id is null or r.status <> 'APPROVED'""",
                rs -> violations.add(
                        "grant " + string(rs, 1) + " belongs to " + string(rs, 2) + ", which is " + string(rs, 3)));
        each(db, """
                select g.id, s.step_index, s.status, s.required_approvals,
                       (select count(*) from decisions d where d.request_id = s.request_id
                          and d.step_index = s.step_index and d.verdict = 'APPROVE') approvals
                from grants g join request_steps s on s.request_id = g.request_id""", rs -> {
            if (!"APPROVED".equals(string(rs, 3)) || integer(rs, 5) < integer(rs, 4)) {
                violations.add("grant " + string(rs, 1) + " exists while step " + integer(rs, 2) + " is "
                        + string(rs, 3) + " with " + integer(rs, 5) + " of " + integer(rs, 4) + " approvals");
            }
        });
        each(db, """
                select r.id from access_requests r left join grants g on g.request_id = r.id
                where r.status = 'APPROVED' and g.id is null""", rs -> violations.add("request " + string(rs, 1) + " is APPROVED but has no grant"));
    }

    /** Every event the outbox holds reached the receiver, and the receiver got nothing else. */
    private void outboxDelivered(Connection db, String webhookId, WebhookReceiver receiver) throws SQLException {
        Set<String> outbox = outboxEvents(db, webhookId);
        for (String event : outbox) {
            if (!receiver.arrivals.containsKey(event)) {
                violations.add("webhook event " + event + " is in the outbox but never reached the receiver");
            }
        }
        for (String event : receiver.arrivals.keySet()) {
            if (!outbox.contains(event)) {
                violations.add("the receiver got event " + event + ", which no committed change wrote");
            }
        }
        violations.addAll(receiver.problems);
        counts.put("webhook events in the outbox", (long) outbox.size());
        each(
                db,
                "select count(*) from webhook_deliveries where state <> 'DELIVERED' and webhook_id = ?",
                rs -> counts.put("webhook deliveries not (yet) marked delivered", (long) integer(rs, 1)),
                webhookId);
    }

    Set<String> outboxEvents(Connection db, String webhookId) throws SQLException {
        Set<String> events = new HashSet<>();
        each(
                db,
                "select event_id from webhook_deliveries where webhook_id = ?",
                rs -> events.add(string(rs, 1)),
                webhookId);
        return events;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(databaseUrl);
    }

    private void count(Connection db, String what, String sql) throws SQLException {
        each(db, sql, rs -> counts.put(what, (long) integer(rs, 1)));
    }

    private static void each(Connection db, String sql, Consumer<ResultSet> row, String... parameters)
            throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }

    private static String string(ResultSet rs, int column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int integer(ResultSet rs, int column) {
        try {
            return rs.getInt(column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
