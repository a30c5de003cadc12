package io.countersign.notify;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Counted;

/**
 * An endpoint was removed together with its secrets and deliveries, delivered or not: the note counts
 * the pending ones that will never be sent and the dead letters that can no longer be redelivered.
 */
public record WebhookDeleted(
        Actor actor, String webhookId, String destination, int discardedPendingDeliveries, int discardedDeadDeliveries)
        implements AuditableEvent {

    @Override
    public String action() {
        return "webhook.deleted";
    }

    @Override
    public String target() {
        return "webhook:" + webhookId;
    }

    @Override
    public String note() {
        return destination + "; "
                + Counted.of(discardedPendingDeliveries, "pending delivery", "pending deliveries") + " and "
                + Counted.of(discardedDeadDeliveries, "dead delivery", "dead deliveries") + " discarded";
    }
}
