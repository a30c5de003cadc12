package io.countersign.notify;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/**
 * Retries of a notification ran out, or its sender refused it for good (a recipient without an
 * address): the person was not told, and the delivery waits as a dead letter.
 */
public record NotificationDeliveryDead(
        Actor actor,
        String deliveryId,
        String kind,
        String channel,
        String recipientId,
        String requestId,
        String grantId,
        int attempts,
        String error)
        implements AuditableEvent {

    @Override
    public String action() {
        return "notification.delivery_dead";
    }

    @Override
    public String target() {
        return "notification:" + deliveryId;
    }

    @Override
    public String note() {
        return kind + " notification to " + recipientId + " on " + channel + " gave up after " + attempts
                + " attempts: " + error;
    }
}
