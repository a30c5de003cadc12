package io.countersign.security;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

public record TokenIssued(Actor actor, String tokenId, String username, String name) implements AuditableEvent {

    @Override
    public String action() {
        return "token.issued";
    }

    @Override
    public String target() {
        return "user:" + username;
    }

    @Override
    public String note() {
        return "token " + tokenId + " '" + name + "'";
    }
}
