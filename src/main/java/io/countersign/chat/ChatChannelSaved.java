package io.countersign.chat;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** An administrator created or replaced a chat channel; the note never holds a secret. */
public record ChatChannelSaved(Actor actor, String name, ChatType type, boolean created) implements AuditableEvent {

    @Override
    public String action() {
        return created ? "channel.created" : "channel.updated";
    }

    @Override
    public String target() {
        return "channel:" + name;
    }

    @Override
    public String note() {
        return type.name();
    }
}
