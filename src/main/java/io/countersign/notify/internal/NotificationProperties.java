package io.countersign.notify.internal;

import io.countersign.shared.settings.Setting;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notification settings ({@code countersign.notifications.*}).
 *
 * @param grantEndingLeadTime how long before a grant's end its holder is told that it ends
 * @param unreachablePause how long a channel whose server, or a webhook whose endpoint, could not be
 *     reached rests before one of its deliveries tries again
 * @param deliveryInterval how long the webhooks and each notification channel wait, after looking for
 *     due deliveries, before they look again. A change's deliveries are sent as soon as it commits; a
 *     retry, or a delivery whose commit found its channel busy for long, goes out within about this
 *     interval and the scheduler's polling interval (db-scheduler.polling-interval, 1 s) after it is due;
 *     the same on every instance, whose timers it shares
 */
@ConfigurationProperties("countersign.notifications")
public record NotificationProperties(
        @DefaultValue("PT15M") Duration grantEndingLeadTime,
        @DefaultValue("PT30S") Duration unreachablePause,
        @DefaultValue("PT1S") Duration deliveryInterval) {

    static final Duration MIN_DELIVERY_INTERVAL = Duration.ofMillis(100);

    public NotificationProperties {
        Setting.of("countersign.notifications.grant-ending-lead-time").requireNotNegative(grantEndingLeadTime);
        Setting.of("countersign.notifications.unreachable-pause").requirePositive(unreachablePause);
        // every look costs a few statements per channel, however few deliveries are due
        Setting.of("countersign.notifications.delivery-interval")
                .requireAtLeast(MIN_DELIVERY_INTERVAL, MIN_DELIVERY_INTERVAL.toMillis() + " ms", deliveryInterval);
    }
}
