package io.countersign.notify;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Counted;

/** An endpoint was removed together with its secrets and deliveries, delivered or not. */
public record WebhookDeleted(Actor actor, String webhookId, String destination, int discardedPendingDeliveries)
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
        return destination + "; " + Counted.of(discardedPendingDeliveries, "pending delivery", "pending deliveries")
                + " discarded";
    }
}
