package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** A user's approvals were delegated to another user for a period. */
public record DelegationCreated(Actor actor, Delegation delegation) implements AuditableEvent {

    @Override
    public String action() {
        return "delegation.created";
    }

    @Override
    public String target() {
        return "user:" + delegation.delegator().username();
    }

    @Override
    public String note() {
        return delegation.id() + ": " + delegation.delegator().username() + " delegates to "
                + delegation.delegate().username() + " from " + delegation.from() + " until " + delegation.until()
                + (delegation.resources().isEmpty() ? "" : " for " + delegation.resources());
    }
}
