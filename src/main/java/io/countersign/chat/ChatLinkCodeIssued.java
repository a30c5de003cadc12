package io.countersign.chat;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** A link code was issued for a user; the note never holds the code. */
public record ChatLinkCodeIssued(Actor actor, String username, ChatType type) implements AuditableEvent {

    @Override
    public String action() {
        return "chat.link_code_issued";
    }

    @Override
    public String target() {
        return "user:" + username;
    }

    @Override
    public String note() {
        return type.name();
    }
}
