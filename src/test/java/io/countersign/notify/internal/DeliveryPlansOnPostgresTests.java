package io.countersign.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.CountersignTest;
import io.countersign.testing.OnPostgres;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dispatcher's two statements keep their plans with a backlog and no statistics, as on a new
 * installation or where autovacuum lags: plans PostgreSQL builds once per connection (generic plans)
 * and then keeps. Before, the update of one delivery could be planned as a scan of every pending
 * row, which made each attempt cost milliseconds of CPU on the database once mail piled up.
 */
@CountersignTest
@OnPostgres
class DeliveryPlansOnPostgresTests {

    private static final int BACKLOG = 2_000;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void dueDeliveriesAreReadInIndexOrderWithoutASort() {
        List<String> plan = genericPlan(DeliveryStore.DUE);

        assertThat(String.join("\n", plan)).contains("webhook_deliveries_due").doesNotContain("Sort");
    }

    @Test
    void anAttemptIsRecordedOnTheDeliveryFoundByItsId() {
        List<String> plan = genericPlan(DeliveryStore.RECORD_ATTEMPT);

        assertThat(String.join("\n", plan))
                .contains("webhook_deliveries_id_key")
                .doesNotContain("webhook_deliveries_due");
    }

    @Test
    void aRequestsNotificationsAreReadFromTheIndexOfNotificationsOnly() {
        List<String> plan = genericPlan(DeliveryStore.NOTIFICATIONS_ABOUT);

        assertThat(String.join("\n", plan)).contains("webhook_deliveries_request");
    }

    @Test
    void aWebhooksPendingDeliveriesAreCountedFromTheIndexOfWebhookDeliveriesOnly() {
        List<String> plan = genericPlan(DeliveryStore.PENDING_OF_WEBHOOK);

        assertThat(String.join("\n", plan)).contains("webhook_deliveries_webhook_state");
    }

    @Test
    void onlyTheKeysIndexEveryDelivery() {
        assertThat(jdbc.queryForList(
                        "select indexname from pg_indexes where tablename = 'webhook_deliveries'"
                                + " and indexdef not like '% WHERE %'",
                        String.class))
                .as("indexes that every row enters")
                .containsExactlyInAnyOrder("webhook_deliveries_pkey", "webhook_deliveries_id_key");
    }

    /** The plan PostgreSQL keeps for the statement, beside a backlog it has no statistics of; rolled back. */
    private List<String> genericPlan(String sql) {
        List<String> plan = new ArrayList<>();
        transactions.executeWithoutResult(tx -> {
            jdbc.execute((ConnectionCallback<Void>) connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("""
                            insert into webhook_deliveries (id, event_id, event_type, occurred_at, payload, state,
                                attempts, round_started_at, round_attempts, next_attempt_at, created_at, channel)
                            select 'dlv-plan-' || n, 'event-' || n, 'STEP_OPENED', now(), '{}', 'PENDING', 0, now(),
                                0, now() - interval '1 minute', now(), 'EMAIL'
                            from generate_series(1, %d) n""".formatted(BACKLOG));
                    statement.execute("set local plan_cache_mode = force_generic_plan");
                    statement.execute("prepare delivery_plan_probe as " + numbered(sql));
                    int parameters = (int) sql.chars().filter(c -> c == '?').count();
                    try (ResultSet rows = statement.executeQuery("explain execute delivery_plan_probe("
                            + String.join(", ", java.util.Collections.nCopies(parameters, "null")) + ")")) {
                        while (rows.next()) {
                            plan.add(rows.getString(1));
                        }
                    }
                    statement.execute("deallocate delivery_plan_probe");
                }
                return null;
            });
            tx.setRollbackOnly();
        });
        return plan;
    }

    /** JDBC's {@code ?} placeholders as PostgreSQL's {@code $1, $2, ...}. */
    private static String numbered(String sql) {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') {
                numbered.append('$').append(++n);
            } else {
                numbered.append(c);
            }
        }
        return numbered.toString();
    }
}
