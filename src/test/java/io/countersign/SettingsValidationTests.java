package io.countersign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.grant.GrantProperties;
import io.countersign.mail.internal.MailProperties;
import io.countersign.mail.internal.inbound.InboundMailProperties;
import io.countersign.notify.internal.NotificationProperties;
import io.countersign.notify.internal.WebhookProperties;
import io.countersign.request.RequestProperties;
import io.countersign.shared.database.DatabaseCallProperties;
import io.countersign.shared.outbound.OutboundProperties;
import io.countersign.web.api.WaiterProperties;
import io.countersign.web.api.WebLimits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A setting that cannot work stops the start with a message naming it, rather than running with it:
 * a negative database timeout, say, would have every call report the database unreachable.
 */
class SettingsValidationTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            countersign.database.bounded-calls | timeout                | -1s   | COUNTERSIGN_DATABASE_BOUNDED_CALLS_TIMEOUT (countersign.database.bounded-calls.timeout) must be positive, e.g. 30s.
            countersign.database.bounded-calls | retry-after            | -1s   | COUNTERSIGN_DATABASE_BOUNDED_CALLS_RETRY_AFTER (countersign.database.bounded-calls.retry-after) must not be negative.
            countersign.database.bounded-calls | threads                | 0     | COUNTERSIGN_DATABASE_BOUNDED_CALLS_THREADS (countersign.database.bounded-calls.threads) must be at least 1.
            countersign.database.bounded-calls | queue                  | -1    | COUNTERSIGN_DATABASE_BOUNDED_CALLS_QUEUE (countersign.database.bounded-calls.queue) must not be negative.
            countersign.grant                  | timer-interval         | 0s    | COUNTERSIGN_GRANT_TIMER_INTERVAL (countersign.grant.timer-interval) must be positive, e.g. 30s.
            countersign.request                | timer-interval         | -1m   | COUNTERSIGN_REQUEST_TIMER_INTERVAL (countersign.request.timer-interval) must be positive, e.g. 30s.
            countersign.notifications          | grant-ending-lead-time | -PT5M | COUNTERSIGN_NOTIFICATIONS_GRANT_ENDING_LEAD_TIME (countersign.notifications.grant-ending-lead-time) must not be negative.
            countersign.notifications          | unreachable-pause      | 0s    | COUNTERSIGN_NOTIFICATIONS_UNREACHABLE_PAUSE (countersign.notifications.unreachable-pause) must be positive, e.g. 30s.
            countersign.notifications          | delivery-interval      | 50ms  | COUNTERSIGN_NOTIFICATIONS_DELIVERY_INTERVAL (countersign.notifications.delivery-interval) must be at least 100 ms.
            countersign.notifications          | delivery-interval      | 0s    | COUNTERSIGN_NOTIFICATIONS_DELIVERY_INTERVAL (countersign.notifications.delivery-interval) must be at least 100 ms.
            countersign.notify.webhooks        | initial-backoff        | 0s    | COUNTERSIGN_NOTIFY_WEBHOOKS_INITIAL_BACKOFF (countersign.notify.webhooks.initial-backoff) must be positive, e.g. 30s.
            countersign.notify.webhooks        | initial-backoff        | 2h    | COUNTERSIGN_NOTIFY_WEBHOOKS_INITIAL_BACKOFF (countersign.notify.webhooks.initial-backoff) must not exceed COUNTERSIGN_NOTIFY_WEBHOOKS_MAX_BACKOFF (countersign.notify.webhooks.max-backoff), 1h.
            countersign.notify.webhooks        | initial-backoff        | 3601s | COUNTERSIGN_NOTIFY_WEBHOOKS_INITIAL_BACKOFF (countersign.notify.webhooks.initial-backoff) must not exceed COUNTERSIGN_NOTIFY_WEBHOOKS_MAX_BACKOFF (countersign.notify.webhooks.max-backoff), 1h.
            countersign.notify.webhooks        | max-backoff            | -1h   | COUNTERSIGN_NOTIFY_WEBHOOKS_MAX_BACKOFF (countersign.notify.webhooks.max-backoff) must be positive, e.g. 30s.
            countersign.notify.webhooks        | retry-for              | 0s    | COUNTERSIGN_NOTIFY_WEBHOOKS_RETRY_FOR (countersign.notify.webhooks.retry-for) must be positive, e.g. 30s.
            countersign.notify.webhooks        | connect-timeout        | 0s    | COUNTERSIGN_NOTIFY_WEBHOOKS_CONNECT_TIMEOUT (countersign.notify.webhooks.connect-timeout) must be positive, e.g. 30s.
            countersign.notify.webhooks        | read-timeout           | 0s    | COUNTERSIGN_NOTIFY_WEBHOOKS_READ_TIMEOUT (countersign.notify.webhooks.read-timeout) must be positive, e.g. 30s.
            countersign.notify.webhooks        | retention              | -1d   | COUNTERSIGN_NOTIFY_WEBHOOKS_RETENTION (countersign.notify.webhooks.retention) must be positive, e.g. 30s.
            countersign.notify.webhooks        | batch-size             | 0     | COUNTERSIGN_NOTIFY_WEBHOOKS_BATCH_SIZE (countersign.notify.webhooks.batch-size) must be at least 1.
            countersign.notify.webhooks        | threads                | 0     | COUNTERSIGN_NOTIFY_WEBHOOKS_THREADS (countersign.notify.webhooks.threads) must be at least 1.
            countersign.web                    | max-body-size          | -1MB  | COUNTERSIGN_MAX_BODY_SIZE (countersign.web.max-body-size) must be positive, e.g. 1MB.
            countersign.web                    | max-body-size          | 0     | COUNTERSIGN_MAX_BODY_SIZE (countersign.web.max-body-size) must be positive, e.g. 1MB.
            countersign.web                    | max-import-size        | 0KB   | COUNTERSIGN_MAX_IMPORT_SIZE (countersign.web.max-import-size) must be positive, e.g. 32MB.
            countersign.requests               | waiter-poll            | -PT1S | COUNTERSIGN_REQUESTS_WAITER_POLL (countersign.requests.waiter-poll) must be at least 1 ms, e.g. PT0.25S.
            countersign.requests               | waiter-poll            | 0s    | COUNTERSIGN_REQUESTS_WAITER_POLL (countersign.requests.waiter-poll) must be at least 1 ms, e.g. PT0.25S.
            countersign.outbound               | denied-networks        | 10.0.0.0/33 | COUNTERSIGN_OUTBOUND_DENIED_NETWORKS (countersign.outbound.denied-networks) must list networks such as 10.0.0.0/8 or fc00::/7, separated by commas: the prefix length after '/' must be 0 to 32.
            countersign.outbound               | denied-networks        | intranet.example.org | COUNTERSIGN_OUTBOUND_DENIED_NETWORKS (countersign.outbound.denied-networks) must list networks such as 10.0.0.0/8 or fc00::/7, separated by commas: 'intranet.example.org' is not an IPv4 or IPv6 address.
            """)
    void aSettingThatCannotWorkIsRefusedWithItsVariable(String prefix, String key, String value, String reason) {
        Class<?> target = switch (prefix) {
            case "countersign.database.bounded-calls" -> DatabaseCallProperties.class;
            case "countersign.grant" -> GrantProperties.class;
            case "countersign.request" -> RequestProperties.class;
            case "countersign.notifications" -> NotificationProperties.class;
            case "countersign.web" -> WebLimits.class;
            case "countersign.requests" -> WaiterProperties.class;
            case "countersign.outbound" -> OutboundProperties.class;
            default -> WebhookProperties.class;
        };
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(prefix + "." + key, value)));

        assertThatThrownBy(() -> binder.bindOrCreate(prefix, target))
                .rootCause()
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageEndingWith(reason)
                .satisfies(refusal -> assertThat(((InvalidConfigurationPropertyValueException) refusal).getName())
                        .isEqualTo(prefix + "." + key));
    }

    @Test
    void theDefaultsPass() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of()));

        for (Class<?> target : List.of(
                DatabaseCallProperties.class,
                GrantProperties.class,
                RequestProperties.class,
                NotificationProperties.class,
                WaiterProperties.class,
                WebLimits.class,
                WebhookProperties.class,
                OutboundProperties.class)) {
            assertThatCode(() -> binder.bindOrCreate("countersign.x", target)).doesNotThrowAnyException();
        }
    }

    /** The mail settings name the variable to change as well; StartupFailureReportTests shows the report. */
    @ParameterizedTest
    @CsvSource({
        "timeout, 0s, COUNTERSIGN_MAIL_TIMEOUT (countersign.mail.timeout) must be positive",
        "idle-refresh, -30s, COUNTERSIGN_MAIL_IDLE_REFRESH (countersign.mail.idle-refresh) must be positive",
        "max-backoff, 0s, COUNTERSIGN_MAIL_MAX_BACKOFF (countersign.mail.max-backoff) must be positive",
        "decision-threads, -1, COUNTERSIGN_MAIL_DECISION_THREADS (countersign.mail.decision-threads) must be at least 1",
    })
    void aMailSettingThatCannotWorkIsRefusedWithItsVariable(String key, String value, String reason) {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("countersign.mail." + key, value)));
        Class<?> target = key.equals("timeout") ? MailProperties.class : InboundMailProperties.class;

        assertThatThrownBy(() -> binder.bindOrCreate("countersign.mail", target))
                .rootCause()
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining(reason);
    }
}
