package io.countersign.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.testing.OnPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The subscribers of an event type are kept in memory, and a webhook created through another
 * instance sharing the database receives the events committed here right after it, not only once
 * the cached list is old (docs/adr/0027). The other instance is stood in for by what it does: it
 * writes the webhook and sends the notification with it.
 */
@OnPostgres
@WebhookTest
class WebhookSubscribersAcrossInstancesOnPostgresTests {

    /** Well below the cached list's maximum age: only the notification can make it fresh in time. */
    static final Duration FAR_BELOW_MAX_AGE = Duration.ofSeconds(4);

    @Autowired
    WebhookFixtures fixtures;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aWebhookCreatedOnAnotherInstanceReceivesTheNextEventsCommittedHere() throws Exception {
        String type = "request.expired";
        fixtures.publish(TestEvent.request(type, "req-cach" + "0000"));
        String webhook = "wh-" + UUID.randomUUID().toString().substring(0, 12);

        try {
            asAnotherInstance(
                    "insert into webhooks (id, url, created_by, created_at) values (?, 'https://example.org/hook', 'admin', ?)",
                    webhook,
                    "insert into webhook_subscriptions (webhook_id, event_type) values (?, '" + type + "')");

            await().atMost(FAR_BELOW_MAX_AGE)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        fixtures.publish(TestEvent.request(type, "req-cach" + "0001"));
                        return deliveriesOf(webhook) > 0;
                    });
            assertThat(deliveriesOf(webhook)).isPositive();
        } finally {
            jdbc.sql("delete from webhook_deliveries where webhook_id = ?")
                    .param(webhook)
                    .update();
            asAnotherInstance("delete from webhooks where id = ?", webhook, null);
        }
    }

    private long deliveriesOf(String webhook) {
        return jdbc.sql("select count(*) from webhook_deliveries where webhook_id = ?")
                .param(webhook)
                .query(Long.class)
                .single();
    }

    /** Writes in a transaction of its own and notifies the instances, as the other instance's store would. */
    private void asAnotherInstance(String write, String webhook, String subscribe) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(write)) {
                statement.setString(1, webhook);
                if (write.startsWith("insert")) {
                    statement.setObject(2, OffsetDateTime.now());
                }
                statement.executeUpdate();
            }
            if (subscribe != null) {
                try (PreparedStatement statement = connection.prepareStatement(subscribe)) {
                    statement.setString(1, webhook);
                    statement.executeUpdate();
                }
            }
            try (PreparedStatement statement =
                    connection.prepareStatement("select pg_notify('webhook_subscriptions', '')")) {
                statement.execute();
            }
            connection.commit();
        }
    }
}
