package io.countersign.notify;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** An administrator sent a dead-lettered event again, with its original event id. */
public record WebhookRedelivered(Actor actor, String webhookId, String deliveryId, String eventId, String type)
        implements AuditableEvent {

    @Override
    public String action() {
        return "webhook.redelivered";
    }

    @Override
    public String target() {
        return "webhook:" + webhookId;
    }

    @Override
    public String note() {
        return "delivery " + deliveryId + " of " + type + " event " + eventId + " queued again";
    }
}
