package io.countersign.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.CountersignTest;
import io.countersign.testing.GenericPlans;
import io.countersign.testing.OnPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dispatcher's statements keep their plans with a backlog and no statistics, as on a new
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
    void aChannelsDueDeliveriesAreReadInIndexOrderWithoutASort() {
        String plan = genericPlan(DueDeliveries.DUE_ON_CHANNEL);

        assertThat(plan).contains("webhook_deliveries_channel_due").doesNotContain("Sort");
    }

    @Test
    void webhookDeliveriesDueBesideRestingEndpointsAreReadInIndexOrderWithoutASort() {
        String plan = genericPlan(DueDeliveries.DUE_WEBHOOKS_EXCEPT.replaceAll(":\\w+", "?"));

        assertThat(plan).contains("webhook_deliveries_channel_due").doesNotContain("Sort");
    }

    @Test
    void notificationsDueBesideThoseHeldOnRestingDestinationsAreReadInIndexOrderWithoutASort() {
        String plan = genericPlan(DueDeliveries.DUE_ON_CHANNEL_EXCEPT.replaceAll(":\\w+", "?"));

        assertThat(plan).contains("webhook_deliveries_channel_due").doesNotContain("Sort");
    }

    @Test
    void notificationsDueBesideTheDestinationsLeftOutAreReadInIndexOrderWithoutASort() {
        String plan = genericPlan(DueDeliveries.DUE_ON_CHANNEL_EXCEPT_ROUTES.replaceAll(":\\w+", "?"));

        assertThat(plan).contains("webhook_deliveries_channel_due").doesNotContain("Sort");
    }

    @Test
    void anAttemptIsRecordedOnTheDeliveryFoundByItsId() {
        String plan = genericPlan(DueDeliveries.RECORD_ATTEMPT);

        assertThat(plan).contains("webhook_deliveries_id_key").doesNotContain("webhook_deliveries_channel_due");
    }

    @Test
    void aRequestsNotificationsAreReadFromTheIndexOfNotificationsOnly() {
        String plan = genericPlan(DeliveryStore.NOTIFICATIONS_ABOUT);

        assertThat(plan).contains("webhook_deliveries_request");
    }

    @Test
    void aWebhooksUndeliveredDeliveriesAreCountedFromTheIndexOfWebhookDeliveriesOnly() {
        String plan = genericPlan(DeliveryStore.UNDELIVERED_OF_WEBHOOK);

        assertThat(plan).contains("webhook_deliveries_webhook_state");
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

    /** The plan PostgreSQL keeps for the statement, beside a backlog it has no statistics of. */
    private String genericPlan(String sql) {
        return GenericPlans.of(jdbc, transactions, """
                insert into webhook_deliveries (id, event_id, event_type, occurred_at, payload, state,
                    attempts, round_started_at, round_attempts, next_attempt_at, created_at, channel)
                select 'dlv-plan-' || n, 'event-' || n, 'STEP_OPENED', now(), '{}', 'PENDING', 0, now(),
                    0, now() - interval '1 minute', now(), 'EMAIL'
                from generate_series(1, %d) n""".formatted(BACKLOG), sql);
    }
}
