package io.countersign.notify.internal;

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
 *     due deliveries, before they look again; a delivery goes out within about this interval and the
 *     scheduler's polling interval (db-scheduler.polling-interval, 1 s) after it is due
 */
@ConfigurationProperties("countersign.notifications")
public record NotificationProperties(
        @DefaultValue("PT15M") Duration grantEndingLeadTime,
        @DefaultValue("PT30S") Duration unreachablePause,
        @DefaultValue("PT1S") Duration deliveryInterval) {

    static final Duration MIN_DELIVERY_INTERVAL = Duration.ofMillis(100);

    public NotificationProperties {
        if (grantEndingLeadTime.isNegative()) {
            throw new IllegalArgumentException("countersign.notifications.grant-ending-lead-time must not be negative");
        }
        if (unreachablePause.isNegative() || unreachablePause.isZero()) {
            throw new IllegalArgumentException("countersign.notifications.unreachable-pause must be positive");
        }
        if (deliveryInterval.compareTo(MIN_DELIVERY_INTERVAL) < 0) {
            // every look costs a few statements per channel, however few deliveries are due
            throw new IllegalArgumentException("countersign.notifications.delivery-interval must be at least "
                    + MIN_DELIVERY_INTERVAL.toMillis() + " ms");
        }
    }
}
