package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/**
 * A delegation ended: before its time, by its delegator, an administrator or because a person left, or
 * at its {@code until}; {@code reason} says which.
 */
public record DelegationEnded(Actor actor, Delegation delegation, String reason) implements AuditableEvent {

    @Override
    public String action() {
        return "delegation.ended";
    }

    @Override
    public String target() {
        return "user:" + delegation.delegator().username();
    }

    @Override
    public String note() {
        return delegation.id() + ": " + delegation.delegator().username() + " no longer delegates to "
                + delegation.delegate().username();
    }
}
