package io.countersign.chat;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** An administrator deleted a chat channel. */
public record ChatChannelDeleted(Actor actor, String name) implements AuditableEvent {

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
        return null;
    }
}
