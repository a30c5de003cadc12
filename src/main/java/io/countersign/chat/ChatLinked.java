package io.countersign.chat;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** A user linked a chat identity by sending their code to the bot. */
public record ChatLinked(Actor actor, ChatType platform, String chatUser) implements AuditableEvent {

    @Override
    public String action() {
        return "chat.linked";
    }

    @Override
    public String target() {
        return "user:" + actor.username();
    }

    @Override
    public String note() {
        return platform.name() + " user " + chatUser;
    }
}
