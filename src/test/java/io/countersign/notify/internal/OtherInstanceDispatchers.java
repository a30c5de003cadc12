package io.countersign.notify.internal;

import org.springframework.context.ApplicationContext;

/**
 * Dispatchers standing in for other instances of the service on the same database: each remembers
 * its own pauses, sends in flight and turns, and shares only what the database holds.
 */
public final class OtherInstanceDispatchers {

    private OtherInstanceDispatchers() {}

    public static DeliveryDispatcher of(ApplicationContext context) {
        return new DeliveryDispatcher(
                context.getBean(DueDeliveries.class),
                context.getBean(SignedWebhookPost.class),
                context.getBean(AttemptRecords.class),
                context.getBean(WebhookProperties.class),
                context.getBean(java.time.Clock.class),
                context.getBean(org.springframework.transaction.support.TransactionTemplate.class),
                context.getBean(NotificationAttempts.class),
                context.getBean(OutboxLag.class),
                context.getBean(io.countersign.shared.database.NotificationFence.class),
                new ServerPauses(context.getBean(NotificationProperties.class)),
                context.getBean(DeliveryWakes.class),
                context.getBean(DestinationRests.class));
    }
}
