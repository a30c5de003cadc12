package io.countersign.notify;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Counted;

/**
 * Retries of a notification ran out, or its sender refused it for good (a recipient without an
 * address): the person was not told, and the delivery waits as a dead letter. {@code recipient} is
 * who the note names: the person's username, or the chat channel a message for everybody there went
 * to ({@code recipientId} is then null).
 */
public record NotificationDeliveryDead(
        Actor actor,
        String deliveryId,
        String kind,
        String channel,
        String recipientId,
        String recipient,
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
        String to = recipientId == null ? "chat channel " + recipient : recipient != null ? recipient : recipientId;
        return kind + " notification to " + to + " on " + channel + " gave up after " + Counted.of(attempts, "attempt")
                + ": " + error;
    }
}
