package io.countersign.chat;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Counted;

/**
 * An administrator deleted a chat channel: the note counts the pending messages that will never be
 * sent and the dead ones that can no longer be redelivered.
 */
public record ChatChannelDeleted(Actor actor, String name, int discardedPendingDeliveries, int discardedDeadDeliveries)
        implements AuditableEvent {

    @Override
    public String action() {
        return "channel.deleted";
    }

    @Override
    public String target() {
        return "channel:" + name;
    }

    @Override
    public String note() {
        return Counted.of(discardedPendingDeliveries, "pending delivery", "pending deliveries") + " and "
                + Counted.of(discardedDeadDeliveries, "dead delivery", "dead deliveries") + " discarded";
    }
}
