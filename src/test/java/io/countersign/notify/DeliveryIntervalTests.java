package io.countersign.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The webhooks and each notification channel look for due deliveries again {@code
 * countersign.notifications.delivery-interval} after each look ends (200 ms with {@link
 * io.countersign.testing.PromptDeliveries}, against 1 s by default): the scheduler's row of each shows it as the time from its last success to
 * its next execution.
 */
@WebhookTest
class DeliveryIntervalTests {

    private static final Duration CONFIGURED = Duration.ofMillis(200);

    @Autowired
    JdbcClient jdbc;

    record Look(String task, String instance, OffsetDateTime lastSuccess, OffsetDateTime next) {}

    @Test
    void theWebhooksAndEveryChannelLookAgainAfterTheConfiguredInterval() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Look> looks = jdbc.sql("""
                            select task_name, task_instance, last_success, execution_time from scheduled_tasks
                            where task_name in ('webhook-delivery', 'notification-delivery')""")
                    .query((row, number) -> new Look(
                            row.getString(1),
                            row.getString(2),
                            row.getObject(3, OffsetDateTime.class),
                            row.getObject(4, OffsetDateTime.class)))
                    .list();
            assertThat(looks)
                    .as("the webhooks' task and the e-mail channel's execution")
                    .anySatisfy(look -> assertThat(look.task()).isEqualTo("webhook-delivery"))
                    .anySatisfy(look -> assertThat(look.instance()).isEqualTo("EMAIL"));
            assertThat(looks).allSatisfy(look -> {
                assertThat(look.lastSuccess()).as("%s ran", look).isNotNull();
                assertThat(Duration.between(look.lastSuccess(), look.next()))
                        .as("%s", look)
                        .isEqualTo(CONFIGURED);
            });
        });
    }
}
