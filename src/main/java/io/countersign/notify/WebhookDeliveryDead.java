package io.countersign.notify;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Counted;

/** Retries ran out: the event was never acknowledged by the endpoint and waits as a dead letter. */
public record WebhookDeliveryDead(
        Actor actor, String webhookId, String deliveryId, String eventId, String type, int attempts)
        implements AuditableEvent {

    @Override
    public String action() {
        return "webhook.delivery_dead";
    }

    @Override
    public String target() {
        return "webhook:" + webhookId;
    }

    @Override
    public String note() {
        return "delivery " + deliveryId + " of " + type + " event " + eventId + " gave up after "
                + Counted.of(attempts, "attempt");
    }
}
