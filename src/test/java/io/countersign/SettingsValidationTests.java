package io.countersign;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.grant.GrantProperties;
import io.countersign.mail.internal.MailProperties;
import io.countersign.mail.internal.inbound.InboundMailProperties;
import io.countersign.notify.internal.NotificationProperties;
import io.countersign.notify.internal.WebhookProperties;
import io.countersign.request.RequestProperties;
import io.countersign.shared.database.DatabaseCallProperties;
import io.countersign.web.api.WaiterProperties;
import io.countersign.web.api.WebLimits;
import java.util.Map;
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
    @CsvSource({
        "countersign.database.bounded-calls, timeout, -1s, countersign.database.bounded-calls.timeout",
        "countersign.database.bounded-calls, threads, 0, countersign.database.bounded-calls.threads",
        "countersign.grant, timer-interval, 0s, countersign.grant.timer-interval",
        "countersign.request, timer-interval, -1m, countersign.request.timer-interval",
        "countersign.notifications, grant-ending-lead-time, -PT5M, countersign.notifications.grant-ending-lead-time",
        "countersign.notifications, delivery-interval, 50ms, countersign.notifications.delivery-interval must be at least 100 ms",
        "countersign.notifications, delivery-interval, 0s, countersign.notifications.delivery-interval must be at least 100 ms",
        "countersign.notify.webhooks, threads, 0, countersign.notify.webhooks.batch-size and threads",
        "countersign.notify.webhooks, read-timeout, 0s, countersign.notify.webhooks durations",
        "countersign.web, max-body-size, -1MB, countersign.web.max-body-size (COUNTERSIGN_MAX_BODY_SIZE)",
        "countersign.web, max-body-size, 0, countersign.web.max-body-size (COUNTERSIGN_MAX_BODY_SIZE)",
        "countersign.web, max-import-size, 0KB, countersign.web.max-import-size (COUNTERSIGN_MAX_IMPORT_SIZE)",
        "countersign.requests, waiter-poll, -PT1S, countersign.requests.waiter-poll (COUNTERSIGN_REQUESTS_WAITER_POLL)",
        "countersign.requests, waiter-poll, 0s, countersign.requests.waiter-poll (COUNTERSIGN_REQUESTS_WAITER_POLL)",
    })
    void aSettingThatCannotWorkIsRefusedByName(String prefix, String key, String value, String named) {
        Class<?> target = switch (prefix) {
            case "countersign.database.bounded-calls" -> DatabaseCallProperties.class;
            case "countersign.grant" -> GrantProperties.class;
            case "countersign.request" -> RequestProperties.class;
            case "countersign.notifications" -> NotificationProperties.class;
            case "countersign.web" -> WebLimits.class;
            case "countersign.requests" -> WaiterProperties.class;
            default -> WebhookProperties.class;
        };
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(prefix + "." + key, value)));

        assertThatThrownBy(() -> binder.bindOrCreate(prefix, target))
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named);
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
