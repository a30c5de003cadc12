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
 */
@ConfigurationProperties("countersign.notifications")
public record NotificationProperties(
        @DefaultValue("PT15M") Duration grantEndingLeadTime,
        @DefaultValue("PT30S") Duration unreachablePause) {

    public NotificationProperties {
        if (grantEndingLeadTime.isNegative()) {
            throw new IllegalArgumentException("countersign.notifications.grant-ending-lead-time must not be negative");
        }
        if (unreachablePause.isNegative() || unreachablePause.isZero()) {
            throw new IllegalArgumentException("countersign.notifications.unreachable-pause must be positive");
        }
    }
}
