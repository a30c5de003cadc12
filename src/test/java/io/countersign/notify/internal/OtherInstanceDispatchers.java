package io.countersign.notify.internal;

import io.countersign.shared.database.NotificationFence;
import java.time.Clock;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dispatchers standing in for other instances of the service on the same database: each remembers
 * its own pauses, sends in flight and turns, and shares only what the database holds.
 */
public final class OtherInstanceDispatchers {

    private OtherInstanceDispatchers() {}

    public static DeliveryDispatcher of(ApplicationContext context) {
        ServerPauses pauses = new ServerPauses(context.getBean(NotificationProperties.class));
        DeliveryAttempts attempts = new DeliveryAttempts(
                context.getBean(DueDeliveries.class),
                context.getBean(SignedWebhookPost.class),
                context.getBean(AttemptRecords.class),
                context.getBean(Clock.class),
                context.getBean(TransactionTemplate.class),
                context.getBean(NotificationAttempts.class),
                context.getBean(OutboxLag.class),
                pauses,
                context.getBean(DestinationRests.class));
        return new DeliveryDispatcher(
                context.getBean(DueDeliveries.class),
                context.getBean(WebhookProperties.class),
                context.getBean(Clock.class),
                context.getBean(NotificationAttempts.class),
                context.getBean(NotificationFence.class),
                pauses,
                context.getBean(DeliveryWakes.class),
                context.getBean(DestinationRests.class),
                attempts);
    }
}
