package io.countersign.security;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** A token was deleted; {@code reason} says why (revoked by a person, or the user was deactivated or deleted). */
public record TokenRevoked(Actor actor, String tokenId, String username, String name, String reason)
        implements AuditableEvent {

    @Override
    public String action() {
        return "token.revoked";
    }

    @Override
    public String target() {
        return "user:" + username;
    }

    @Override
    public String note() {
        return "token " + tokenId + " '" + name + "'; " + reason;
    }
}
