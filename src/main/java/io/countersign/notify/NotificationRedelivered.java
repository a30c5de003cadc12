package io.countersign.notify;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** An administrator sent a dead-lettered notification again, with its original event id. */
public record NotificationRedelivered(Actor actor, String deliveryId, String kind, String channel, String recipient)
        implements AuditableEvent {

    @Override
    public String action() {
        return "notification.redelivered";
    }

    @Override
    public String target() {
        return "notification:" + deliveryId;
    }

    @Override
    public String note() {
        return kind + " notification to " + recipient + " on " + channel + " queued again";
    }
}
