package io.countersign.chat;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** A chat identity was unlinked from a user, by the user or an administrator. */
public record ChatUnlinked(Actor actor, String username, ChatType platform, String chatUser) implements AuditableEvent {

    @Override
    public String action() {
        return "chat.unlinked";
    }

    @Override
    public String target() {
        return "user:" + username;
    }

    @Override
    public String note() {
        return platform.name() + " user " + chatUser;
    }
}
